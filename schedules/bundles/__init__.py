"""Content bundles, format version 1: create, verify and import (docs/bundle-format.md).

A bundle is a ZIP holding ``manifest.json``, the audio files under ``media/`` and optionally
``manifest.sig``, the Ed25519 signature of the exact bytes of the manifest. Reading one goes
through four phases; a refusal in any of them raises :class:`InputRefused` and changes nothing:

1. the ZIP itself (:mod:`.zipsafety`, :func:`open_bundle`): every entry name is safe, no
   symlinks, no NFC collisions, sizes and compression ratios within :class:`Limits`, only the
   entries the format allows; then the manifest (:mod:`.manifest`, :func:`parse_manifest`)
   against the JSON Schema in ``assets/schemas/bundle-v1.schema.json`` and the rules a schema
   cannot say (dates, ids, references); then manifest and entries against each other;
2. the signature policy (:mod:`.trust`, :func:`check_signature`) against the trusted keys in the
   database;
3. the media (:mod:`.staging`, :func:`stage_media`): each entry streamed once, hashed while it is
   copied into the media store's staging folder, then ``check_audio`` (supplied by the caller:
   this layer does no audio) on the staged file;
4. one database transaction (:mod:`.importing`, :func:`import_bundle`); the staged files are
   published just before the commit and removed again if the commit fails.

:mod:`.exporting` writes bundles (:func:`create_bundle`). Nothing reads a whole entry into
memory: entries are streamed in chunks, so a bundle of several gigabytes needs a few megabytes.
The names below are the package's interface; ``from schedules.bundles import X`` keeps working.
"""

from __future__ import annotations

from .exporting import create_bundle
from .importing import ImportResult, bundle_rows, import_bundle, verify_bundle
from .manifest import (
    DEFAULT_LIMITS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MEDIA_PREFIX,
    SIGNATURE_BYTES,
    SIGNATURE_NAME,
    Limits,
    Manifest,
    ManifestItem,
    ManifestPlaylist,
    ManifestSchedule,
    entry_problem,
    parse_manifest,
    schema,
)
from .staging import CheckAudio, StagedMedia, local_name, stage_media
from .trust import Trust, check_signature
from .zipsafety import BundleFile, entry_name, match_entries, open_bundle, read_bundle

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "MEDIA_PREFIX",
    "SIGNATURE_BYTES",
    "SIGNATURE_NAME",
    "BundleFile",
    "CheckAudio",
    "ImportResult",
    "Limits",
    "Manifest",
    "ManifestItem",
    "ManifestPlaylist",
    "ManifestSchedule",
    "StagedMedia",
    "Trust",
    "bundle_rows",
    "check_signature",
    "create_bundle",
    "entry_name",
    "entry_problem",
    "import_bundle",
    "local_name",
    "match_entries",
    "open_bundle",
    "parse_manifest",
    "read_bundle",
    "schema",
    "stage_media",
    "verify_bundle",
]
