<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>AbbreviationsDialog</name>
    <message>
        <location filename="../../desktop/gui/compose.py" line="329" />
        <source>Abbreviations</source>
        <translation>Abbreviations</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="331" />
        <source>Written</source>
        <translation>Written</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="331" />
        <source>Said</source>
        <translation>Said</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="338" />
        <source>Add a row</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="339" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="340" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="347" />
        <source>Built-in words (UBND, HĐND, BHYT…) need no row; a row here adds a word or changes how one is said.</source>
        <translation>Built-in words (UBND, HĐND, BHYT…) need no row; a row here adds a word or changes how one is said.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="156" />
        <source>New account</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="156" />
        <source>Account {name}</source>
        <translation>Account {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="159" />
        <source>e.g. chutich.xa</source>
        <translation>e.g. chutich.xa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="177" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="178" />
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="179" />
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="181" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="182" />
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="183" />
        <source>At least {n} characters, not containing the user name.</source>
        <translation>At least {n} characters, not containing the user name.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="185" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="186" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="198" />
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96" />
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96" />
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96" />
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96" />
        <source>One-time codes</source>
        <translation>One-time codes</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96" />
        <source>Last sign-in</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="119" />
        <source>Locked by an admin</source>
        <translation>Locked by an admin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="122" />
        <source>Locked after failed sign-ins until {time}</source>
        <translation>Locked after failed sign-ins until {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="123" />
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="145" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="147" />
        <source>never</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="261" />
        <location filename="../../desktop/gui/pages/accounts.py" line="307" />
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="262" />
        <source>Roles and name…</source>
        <translation>Roles and name…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="263" />
        <source>New password…</source>
        <translation>New password…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="264" />
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="265" />
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="266" />
        <source>One-time codes…</source>
        <translation>One-time codes…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="267" />
        <source>Remove one-time codes</source>
        <translation>Remove one-time codes</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="268" />
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="283" />
        <location filename="../../desktop/gui/pages/accounts.py" line="378" />
        <location filename="../../desktop/gui/pages/accounts.py" line="482" />
        <location filename="../../desktop/gui/pages/accounts.py" line="493" />
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="307" />
        <source>Create the admin account…</source>
        <translation>Create the admin account…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="312" />
        <source>No accounts yet: nobody needs to sign in. Create the admin account: it can then add the commune's operators, approvers and technicians.</source>
        <translation>No accounts yet: nobody needs to sign in. Create the admin account: it can then add the commune's operators, approvers and technicians.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="316" />
        <source>Each change is recorded in the audit trail in your name.</source>
        <translation>Each change is recorded in the audit trail in your name.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="320" />
        <location filename="../../desktop/gui/pages/accounts.py" line="505" />
        <source>Needs the role: {role}</source>
        <translation>Needs the role: {role}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="445" />
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="472" />
        <source>Remove the one-time codes of {name}? They sign in with the password alone until codes are set up again.</source>
        <translation>Remove the one-time codes of {name}? They sign in with the password alone until codes are set up again.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="478" />
        <source>Remove the account {name}? It cannot sign in again; its name stays in the records.</source>
        <translation>Remove the account {name}? It cannot sign in again; its name stays in the records.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="512" />
        <source>My one-time codes…</source>
        <translation>My one-time codes…</translation>
    </message>
</context>
<context>
    <name>AreaDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="96" />
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="104" />
        <source>(top level)</source>
        <translation>(top level)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="108" />
        <source>inherit (e.g. 21:00-05:00, or none)</source>
        <translation>inherit (e.g. 21:00-05:00, or none)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="109" />
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="110" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="111" />
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="112" />
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="113" />
        <source>Quiet hours</source>
        <translation>Quiet hours</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38" />
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38" />
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38" />
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38" />
        <source>PC</source>
        <translation>PC</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="60" />
        <source>{name} (before accounts)</source>
        <translation>{name} (before accounts)</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="69" />
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="71" />
        <source>Action (e.g. item. or login)</source>
        <translation>Action (e.g. item. or login)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="72" />
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="73" />
        <source>Check the chain</source>
        <translation>Check the chain</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="85" />
        <source>Audit trail</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="103" />
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="108" />
        <source>The chain holds: {n} rows checked.</source>
        <translation>The chain holds: {n} rows checked.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="110" />
        <source>The chain breaks at row {row}: a row before it was deleted or inserted by hand.</source>
        <translation>The chain breaks at row {row}: a row before it was deleted or inserted by hand.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="112" />
        <source>Rows were deleted from the end (row {row} and later).</source>
        <translation>Rows were deleted from the end (row {row} and later).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="114" />
        <source>Row {row} was changed or inserted by hand.</source>
        <translation>Row {row} was changed or inserted by hand.</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="97" />
        <source>Backup and restore</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="99" />
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="100" />
        <source>Restore…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="103" />
        <source>A backup holds the database, every audio file and the window settings; passwords only when you give a passphrase.</source>
        <translation>A backup holds the database, every audio file and the window settings; passwords only when you give a passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="122" />
        <source>Back up to</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="122" />
        <location filename="../../desktop/gui/backup_panel.py" line="160" />
        <source>LoaXa backup (*.zip)</source>
        <translation>LoaXa backup (*.zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="127" />
        <source>Passphrase for the passwords</source>
        <translation>Passphrase for the passwords</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="129" />
        <source>Endpoint passwords travel in the backup only encrypted with a passphrase. Give one (at least 8 characters), or leave it empty to leave them out.</source>
        <translation>Endpoint passwords travel in the backup only encrypted with a passphrase. Give one (at least 8 characters), or leave it empty to leave them out.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="147" />
        <source>Backing up to {path}…</source>
        <translation>Backing up to {path}…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="152" />
        <source>passwords encrypted</source>
        <translation>passwords encrypted</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="152" />
        <source>passwords left out</source>
        <translation>passwords left out</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="153" />
        <source>Backed up: {files} files, {size} in {path}.</source>
        <translation>Backed up: {files} files, {size} in {path}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="160" />
        <source>Restore from</source>
        <translation>Restore from</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="166" />
        <source>Checking {path}…</source>
        <translation>Checking {path}…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="170" />
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="172" />
        <source>endpoint passwords, encrypted</source>
        <translation>endpoint passwords, encrypted</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="173" />
        <source>no endpoint passwords (enter them again after restoring)</source>
        <translation>no endpoint passwords (enter them again after restoring)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="174" />
        <source>no endpoint passwords</source>
        <translation>no endpoint passwords</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="177" />
        <source>Backup made on {when}
Database ({database}, schema {revision}), {media} audio files, {size} in all; {secrets}.

Restoring replaces everything in this data folder (items, playlists, schedules, history). The engine is stopped while it happens and started again after.</source>
        <translation>Backup made on {when}
Database ({database}, schema {revision}), {media} audio files, {size} in all; {secrets}.

Restoring replaces everything in this data folder (items, playlists, schedules, history). The engine is stopped while it happens and started again after.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="187" />
        <source>Restore this backup?</source>
        <translation>Restore this backup?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="194" />
        <source>Nothing was restored.</source>
        <translation>Nothing was restored.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="199" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="199" />
        <source>The passphrase of this backup's passwords (empty: restore without them).</source>
        <translation>The passphrase of this backup's passwords (empty: restore without them).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="216" />
        <source>Restoring {path}… (the engine is stopped meanwhile)</source>
        <translation>Restoring {path}… (the engine is stopped meanwhile)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="222" />
        <source>Restored. Every page shows the restored data.</source>
        <translation>Restored. Every page shows the restored data.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="222" />
        <source>The engine is being started again.</source>
        <translation>The engine is being started again.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="245" />
        <source>{done} of {total} files</source>
        <translation>{done} of {total} files</translation>
    </message>
</context>
<context>
    <name>BundlePage</name>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="102" />
        <source>Import a content bundle</source>
        <translation>Import a content bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="105" />
        <source>Bundles come from the province or the district: audio, playlists and schedules in one signed file. LoaXa checks everything before it changes anything, and imports all of it or nothing.</source>
        <translation>Bundles come from the province or the district: audio, playlists and schedules in one signed file. LoaXa checks everything before it changes anything, and imports all of it or nothing.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="115" />
        <source>Choose a bundle file (.loaxa or .zip), or drop it here</source>
        <translation>Choose a bundle file (.loaxa or .zip), or drop it here</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="116" />
        <source>Choose file…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="117" />
        <source>Accept a bundle without a trusted signature (only if you know where it came from)</source>
        <translation>Accept a bundle without a trusted signature (only if you know where it came from)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="129" />
        <source>What changes</source>
        <translation>What changes</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="129" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="133" />
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="135" />
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144" />
        <source>Bundle</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144" />
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144" />
        <source>Issuer</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144" />
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144" />
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144" />
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="165" />
        <source>Bundles imported</source>
        <translation>Bundles imported</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="188" />
        <source>1. Choose</source>
        <translation>1. Choose</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="189" />
        <source>2. Check</source>
        <translation>2. Check</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="190" />
        <source>3. Preview</source>
        <translation>3. Preview</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="191" />
        <source>4. Import</source>
        <translation>4. Import</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="192" />
        <source>5. Report</source>
        <translation>5. Report</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="233" />
        <source>Choose a content bundle</source>
        <translation>Choose a content bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="233" />
        <source>Content bundles (*.loaxa *.zip);;All files (*)</source>
        <translation>Content bundles (*.loaxa *.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="253" />
        <source>Checking the bundle: its format, every audio file and the signature…</source>
        <translation>Checking the bundle: its format, every audio file and the signature…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="271" />
        <source>This bundle (revision {revision}) is already imported; importing it again would change nothing.</source>
        <translation>This bundle (revision {revision}) is already imported; importing it again would change nothing.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="292" />
        <source>If you know where this file came from, tick “{option}”: it is checked again at once.</source>
        <translation>If you know where this file came from, tick “{option}”: it is checked again at once.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="294" />
        <source>Ask the issuer for its public key file and trust it on the Settings page, then check the bundle again.</source>
        <translation>Ask the issuer for its public key file and trust it on the Settings page, then check the bundle again.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="295" />
        <source>The bundle was refused; nothing was changed.</source>
        <translation>The bundle was refused; nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="309" />
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="323" />
        <source>Preparing the audio: {done}/{total}</source>
        <translation>Preparing the audio: {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="330" />
        <source>Nothing changed.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="332" />
        <source>Imported. {n} items need attention (see below): they stay drafts until they are fixed.</source>
        <translation>Imported. {n} items need attention (see below): they stay drafts until they are fixed.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="334" />
        <source>Imported. The new schedules are in the broadcast calendar.</source>
        <translation>Imported. The new schedules are in the broadcast calendar.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="353" />
        <source>Signature verified: signed by {name}, a trusted key ({key}).</source>
        <translation>Signature verified: signed by {name}, a trusted key ({key}).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="356" />
        <source>Signed by key {key}, which is not trusted here: the signature cannot be checked. Import only if you know where the file came from.</source>
        <translation>Signed by key {key}, which is not trusted here: the signature cannot be checked. Import only if you know where the file came from.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="358" />
        <source>Not signed: nothing proves who made this bundle. Import only if you know where the file came from.</source>
        <translation>Not signed: nothing proves who made this bundle. Import only if you know where the file came from.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="363" />
        <source>Bundle from {issuer}, revision {revision}, made {created}.</source>
        <translation>Bundle from {issuer}, revision {revision}, made {created}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="366" />
        <source>{added} items added, {reused} already in the library, {playlists} playlists, {schedules} schedules, {skipped} skipped.</source>
        <translation>{added} items added, {reused} already in the library, {playlists} playlists, {schedules} schedules, {skipped} skipped.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="373" />
        <source>The import did this:</source>
        <translation>The import did this:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="373" />
        <source>Importing would do this (nothing is changed yet):</source>
        <translation>Importing would do this (nothing is changed yet):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="395" />
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="396" />
        <source>New items</source>
        <translation>New items</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="397" />
        <source>Items updated</source>
        <translation>Items updated</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="399" />
        <source>Already in the library</source>
        <translation>Already in the library</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="404" />
        <source>New playlists</source>
        <translation>New playlists</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="405" />
        <source>Playlists replaced</source>
        <translation>Playlists replaced</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="407" />
        <source>New schedules</source>
        <translation>New schedules</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="411" />
        <source>Approved by the issuer</source>
        <translation>Approved by the issuer</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="415" />
        <source>Schedules removed</source>
        <translation>Schedules removed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="416" />
        <source>Playlists removed</source>
        <translation>Playlists removed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="417" />
        <source>Items retired</source>
        <translation>Items retired</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="420" />
        <source>Replaces revision {revision} (the as-run history is kept)</source>
        <translation>Replaces revision {revision} (the as-run history is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="421" />
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="422" />
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="447" />
        <source>in use</source>
        <translation>in use</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="447" />
        <source>replaced</source>
        <translation>replaced</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="453" />
        <source>signed</source>
        <translation>signed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="453" />
        <source>not signed</source>
        <translation>not signed</translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <location filename="../../desktop/gui/compose.py" line="112" />
        <source>Broadcast as emergency…</source>
        <translation>Broadcast as emergency…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="113" />
        <source>Save the notice approved, at priority 1, then choose where it airs now</source>
        <translation>Save the notice approved, at priority 1, then choose where it airs now</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="83" />
        <source>Compose a notice</source>
        <translation>Compose a notice</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="86" />
        <source>e.g. Tiêm chủng tháng 3</source>
        <translation>e.g. Tiêm chủng tháng 3</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="88" />
        <source>Type the notice as it is written: 15/3/2027, 7h30, UBND, 0912345678…</source>
        <translation>Type the notice as it is written: 15/3/2027, 7h30, UBND, 0912345678…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="96" />
        <source> words/min</source>
        <translation> words/min</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="98" />
        <source>Say it twice</source>
        <translation>Say it twice</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="103" />
        <source> s between</source>
        <translation> s between</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="104" />
        <source>Approve now</source>
        <translation>Approve now</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="107" />
        <source>Abbreviations…</source>
        <translation>Abbreviations…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="108" />
        <source>Listen</source>
        <translation>Listen</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="109" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="111" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="124" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="125" />
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="127" />
        <source>Will be read as</source>
        <translation>Will be read as</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="128" />
        <source>Voice</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="129" />
        <source>Jingle before and after</source>
        <translation>Jingle before and after</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="168" />
        <source>Piper (voice model of the settings)</source>
        <translation>Piper (voice model of the settings)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="174" />
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="184" />
        <source>{n} / {limit} characters</source>
        <translation>{n} / {limit} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="247" />
        <source>Preview: {s} s. Playing…</source>
        <translation>Preview: {s} s. Playing…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="251" />
        <location filename="../../desktop/gui/compose.py" line="301" />
        <source>Making the audio…</source>
        <translation>Making the audio…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="283" />
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="295" />
        <source>Saved as item {id}.</source>
        <translation>Saved as item {id}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="406" />
        <source>Notice saved as item {id}.</source>
        <translation>Notice saved as item {id}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="418" />
        <source>Compose a notice…</source>
        <translation>Compose a notice…</translation>
    </message>
</context>
<context>
    <name>ComposerDialog</name>
    <message>
        <location filename="../../desktop/gui/compose.py" line="431" />
        <source>Assemble a bulletin…</source>
        <translation>Assemble a bulletin…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="435" />
        <source>Jingle, parts, repeats; with a composed item chosen, it opens that bulletin's recipe</source>
        <translation>Jingle, parts, repeats; with a composed item chosen, it opens that bulletin's recipe</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="498" />
        <source>Assemble a bulletin</source>
        <translation>Assemble a bulletin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="505" />
        <source>Add item</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="506" />
        <source>Add file…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="508" />
        <source>Text to read aloud</source>
        <translation>Text to read aloud</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="509" />
        <source>Add text</source>
        <translation>Add text</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="514" />
        <source>Add silence</source>
        <translation>Add silence</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="515" />
        <source>Up</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="516" />
        <source>Down</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="517" />
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="527" />
        <source> s between</source>
        <translation> s between</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="536" />
        <source>Listen</source>
        <translation>Listen</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="537" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="538" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="552" />
        <source>Gain of the chosen part</source>
        <translation>Gain of the chosen part</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="558" />
        <source>Crossfade</source>
        <translation>Crossfade</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="562" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="563" />
        <source>Intro</source>
        <translation>Intro</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="564" />
        <source>Parts</source>
        <translation>Parts</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="568" />
        <source>Outro</source>
        <translation>Outro</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="569" />
        <source>Said</source>
        <translation>Said</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="614" />
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="657" />
        <source>Choose an audio file</source>
        <translation>Choose an audio file</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="740" />
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="752" />
        <location filename="../../desktop/gui/compose.py" line="777" />
        <source>Making the audio…</source>
        <translation>Making the audio…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="773" />
        <source>Saved as item {id}.</source>
        <translation>Saved as item {id}.</translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="63" />
        <location filename="../../desktop/gui/emergency.py" line="277" />
        <source>Emergency broadcast</source>
        <translation>Emergency broadcast</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="65" />
        <source>An approved item</source>
        <translation>An approved item</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="66" />
        <source>An audio file</source>
        <translation>An audio file</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="70" />
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="71" />
        <location filename="../../desktop/gui/emergency.py" line="219" />
        <source>Record…</source>
        <translation>Record…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="72" />
        <source>Record the announcement from this PC's microphone</source>
        <translation>Record the announcement from this PC's microphone</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="84" />
        <source>Every endpoint</source>
        <translation>Every endpoint</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="85" />
        <source>An area</source>
        <translation>An area</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="86" />
        <source>Chosen endpoints</source>
        <translation>Chosen endpoints</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="98" />
        <source>BROADCAST NOW</source>
        <translation>BROADCAST NOW</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="100" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="145" />
        <source>Emergency audio</source>
        <translation>Emergency audio</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="145" />
        <source>Audio (*.mp3 *.wav *.m4a *.ogg *.amr *.wma *.flac);;All files (*)</source>
        <translation>Audio (*.mp3 *.wav *.m4a *.ogg *.amr *.wma *.flac);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="169" />
        <source>Could not record: {error}</source>
        <translation>Could not record: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="178" />
        <source>Stop recording</source>
        <translation>Stop recording</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="205" />
        <source>● Recording… {s} s (press Stop recording to finish)</source>
        <translation>● Recording… {s} s (press Stop recording to finish)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="224" />
        <source>Recorded {s} s: it will air as the file above.</source>
        <translation>Recorded {s} s: it will air as the file above.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="227" />
        <source>no sound came from the microphone</source>
        <translation>no sound came from the microphone</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="228" />
        <source>Could not record from the microphone: {error}</source>
        <translation>Could not record from the microphone: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="254" />
        <source>It will air at once on {n} endpoints: {names}.</source>
        <translation>It will air at once on {n} endpoints: {names}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="256" />
        <source>It interrupts what is on air now:</source>
        <translation>It interrupts what is on air now:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="258" />
        <source>The interrupted programmes resume afterwards as their schedules say.</source>
        <translation>The interrupted programmes resume afterwards as their schedules say.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="260" />
        <source>Nothing is on air on these endpoints now.</source>
        <translation>Nothing is on air on these endpoints now.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="262" />
        <source>Warning: the engine is not running; start it first or nothing will air.</source>
        <translation>Warning: the engine is not running; start it first or nothing will air.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="270" />
        <source>Confirm the emergency broadcast</source>
        <translation>Confirm the emergency broadcast</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="270" />
        <source>Broadcast now?</source>
        <translation>Broadcast now?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="277" />
        <source>Choose at least one target.</source>
        <translation>Choose at least one target.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="279" />
        <source>the operator</source>
        <translation>the operator</translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="60" />
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="75" />
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="81" />
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="82" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="83" />
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="85" />
        <source>Source password</source>
        <translation>Source password</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="86" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
</context>
<context>
    <name>EndpointsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129" />
        <source>Area / endpoint</source>
        <translation>Area / endpoint</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129" />
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129" />
        <source>Last airing</source>
        <translation>Last airing</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="131" />
        <source>Add area…</source>
        <translation>Add area…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="132" />
        <source>Add endpoint…</source>
        <translation>Add endpoint…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="133" />
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="134" />
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="172" />
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="256" />
        <source>Testing {code}…</source>
        <translation>Testing {code}…</translation>
    </message>
</context>
<context>
    <name>HttnPanel</name>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="109" />
        <source>Province source information system (HTTTN)</source>
        <translation>Province source information system (HTTTN)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="116" />
        <source>the source id the province gave (NguonId)</source>
        <translation>the source id the province gave (NguonId)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="123" />
        <source>none: the system's certificates</source>
        <translation>none: the system's certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="124" />
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="126" />
        <source>area codes, the commune's own first (e.g. 694)</source>
        <translation>area codes, the commune's own first (e.g. 694)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="127" />
        <source>Province bulletins of priority 1 arrive approved</source>
        <translation>Province bulletins of priority 1 arrive approved</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="128" />
        <source>Test the connection</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="129" />
        <source>Save and connect</source>
        <translation>Save and connect</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="130" />
        <source>Send refused messages again</source>
        <translation>Send refused messages again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="142" />
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="143" />
        <source>Source id (NguonId)</source>
        <translation>Source id (NguonId)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="144" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="145" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="147" />
        <source>Certificate authority (PEM)</source>
        <translation>Certificate authority (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="148" />
        <source>Areas (DiaBan)</source>
        <translation>Areas (DiaBan)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="151" />
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="173" />
        <source>Not connected to a province server.</source>
        <translation>Not connected to a province server.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="176" />
        <source>the system keyring</source>
        <translation>the system keyring</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="176" />
        <source>an owner-only file in the data folder</source>
        <translation>an owner-only file in the data folder</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="177" />
        <source>The password of {user} is kept in {where}; it is never shown.</source>
        <translation>The password of {user} is kept in {where}; it is never shown.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="178" />
        <source>leave empty to keep the kept password</source>
        <translation>leave empty to keep the kept password</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="180" />
        <source>{waiting} waiting, {sent} sent, {refused} refused by the province.</source>
        <translation>{waiting} waiting, {sent} sent, {refused} refused by the province.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="207" />
        <source>The province's certificate authority (PEM)</source>
        <translation>The province's certificate authority (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="217" />
        <source>Connecting to the province server…</source>
        <translation>Connecting to the province server…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="241" />
        <source>Connected: {url} accepted the login.</source>
        <translation>Connected: {url} accepted the login.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="259" />
        <source>Cannot reach the province server: {error}</source>
        <translation>Cannot reach the province server: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="268" />
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="284" />
        <source>Saved; {n} messages queued for the province.</source>
        <translation>Saved; {n} messages queued for the province.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="294" />
        <source>{n} refused messages queued to be sent again.</source>
        <translation>{n} refused messages queued to be sent again.</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="38" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="39" />
        <source>Length</source>
        <translation>Length</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="40" />
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="41" />
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="42" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="43" />
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="44" />
        <source>Loudness (LUFS)</source>
        <translation>Loudness (LUFS)</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="28" />
        <source>Search (accents optional)…</source>
        <translation>Search (accents optional)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="31" />
        <source>All fields</source>
        <translation>All fields</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="35" />
        <source>All priorities</source>
        <translation>All priorities</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="39" />
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="43" />
        <source>All languages</source>
        <translation>All languages</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="44" />
        <source>Vietnamese</source>
        <translation>Vietnamese</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="44" />
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="46" />
        <source>Valid today</source>
        <translation>Valid today</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="31" />
        <source>Import files…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="32" />
        <source>Import folder…</source>
        <translation>Import folder…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="35" />
        <location filename="../../desktop/gui/pages/library/approval.py" line="83" />
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="36" />
        <source>Reject…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="37" />
        <location filename="../../desktop/gui/pages/library/approval.py" line="111" />
        <source>Retire</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="38" />
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="40" />
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="42" />
        <source>Use this retired item again: approved again if it had been approved, else a draft to approve</source>
        <translation>Use this retired item again: approved again if it had been approved, else a draft to approve</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="40" />
        <source>Cancel import</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="33" />
        <location filename="../../desktop/gui/pages/library/details.py" line="121" />
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/__init__.py" line="80" />
        <source>Drop audio files or folders here to import them.</source>
        <translation>Drop audio files or folders here to import them.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/__init__.py" line="165" />
        <source>{name}: item {id} holding this audio is retired; select it and press Restore to use it again.</source>
        <translation>{name}: item {id} holding this audio is retired; select it and press Restore to use it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="52" />
        <source>State: {state}</source>
        <translation>State: {state}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="54" />
        <source>Length: {s} s</source>
        <translation>Length: {s} s</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="55" />
        <source>Loudness of the source: {lufs} LUFS, true peak {tp} dBTP, range {lra} LU</source>
        <translation>Loudness of the source: {lufs} LUFS, true peak {tp} dBTP, range {lra} LU</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="61" />
        <source>Rendition {format}: {lufs} LUFS, {tp} dBTP</source>
        <translation>Rendition {format}: {lufs} LUFS, {tp} dBTP</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="66" />
        <source>Rejected: {reason}</source>
        <translation>Rejected: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="60" />
        <source>Import audio files</source>
        <translation>Import audio files</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="62" />
        <source>Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.opus *.flac *.amr *.wma);;All files (*)</source>
        <translation>Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.opus *.flac *.amr *.wma);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="68" />
        <source>Import a folder</source>
        <translation>Import a folder</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="83" />
        <source>Who approves? (name)</source>
        <translation>Who approves? (name)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="97" />
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="97" />
        <source>Why is it rejected?</source>
        <translation>Why is it rejected?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="111" />
        <source>Retire this item? It will no longer air.</source>
        <translation>Retire this item? It will no longer air.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="119" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>LiveDialog</name>
    <message>
        <location filename="../../desktop/gui/live.py" line="114" />
        <source>Live broadcast</source>
        <translation>Live broadcast</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="116" />
        <source>● ON AIR LIVE</source>
        <translation>● ON AIR LIVE</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="120" />
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="121" />
        <source>An audio file (test)</source>
        <translation>An audio file (test)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="125" />
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="131" />
        <source>1 – emergency: cuts in at once</source>
        <translation>1 – emergency: cuts in at once</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="132" />
        <source>2 – priority</source>
        <translation>2 – priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="136" />
        <source>%v LUFS</source>
        <translation>%v LUFS</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="137" />
        <source>Test the microphone</source>
        <translation>Test the microphone</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="138" />
        <source>Listen for 3 seconds and show the level, without going on air</source>
        <translation>Listen for 3 seconds and show the level, without going on air</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="145" />
        <source>GO LIVE</source>
        <translation>GO LIVE</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="147" />
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="149" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="153" />
        <source>Targets</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="154" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="158" />
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="182" />
        <source>The system's microphone</source>
        <translation>The system's microphone</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="192" />
        <source>It stops by itself after {m} minutes.</source>
        <translation>It stops by itself after {m} minutes.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="196" />
        <source>Audio file</source>
        <translation>Audio file</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="196" />
        <source>Audio (*.mp3 *.wav *.m4a *.ogg *.flac);;All files (*)</source>
        <translation>Audio (*.mp3 *.wav *.m4a *.ogg *.flac);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="233" />
        <source>Listening to the microphone…</source>
        <translation>Listening to the microphone…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="259" />
        <source>The microphone hears sound (peak {lufs} LUFS).</source>
        <translation>The microphone hears sound (peak {lufs} LUFS).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="261" />
        <source>No sound from the microphone: check that it is plugged in and not muted.</source>
        <translation>No sound from the microphone: check that it is plugged in and not muted.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="277" />
        <source>Choose at least one target.</source>
        <translation>Choose at least one target.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="218" />
        <location filename="../../desktop/gui/live.py" line="281" />
        <source>Choose an audio file that exists.</source>
        <translation>Choose an audio file that exists.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="285" />
        <location filename="../../desktop/gui/live.py" line="314" />
        <source>the operator</source>
        <translation>the operator</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="296" />
        <source>Opening the microphone…</source>
        <translation>Opening the microphone…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="316" />
        <source>Stopping…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="351" />
        <source>the engine did not take the command</source>
        <translation>the engine did not take the command</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="353" />
        <source>Not on air: {why}</source>
        <translation>Not on air: {why}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="363" />
        <source>On air live on: {names}</source>
        <translation>On air live on: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="376" />
        <source>The live broadcast ended after {s} s.</source>
        <translation>The live broadcast ended after {s} s.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="378" />
        <source>The recording is kept as item {id} (a draft).</source>
        <translation>The recording is kept as item {id} (a draft).</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <location filename="../../desktop/gui/login.py" line="54" />
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="55" />
        <source>approver</source>
        <translation>approver</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="56" />
        <source>technician</source>
        <translation>technician</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="57" />
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="76" />
        <source>Sign in to LoaXa</source>
        <translation>Sign in to LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="85" />
        <source>only if your account has one</source>
        <translation>only if your account has one</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="87" />
        <source>The window was locked after a while without use. Sign in again.</source>
        <translation>The window was locked after a while without use. Sign in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="90" />
        <location filename="../../desktop/gui/login.py" line="165" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="91" />
        <location filename="../../desktop/gui/login.py" line="166" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="92" />
        <source>One-time code</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="94" />
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="121" />
        <location filename="../../desktop/gui/login.py" line="340" />
        <source>Type the current code of your authenticator app (a used code is refused).</source>
        <translation>Type the current code of your authenticator app (a used code is refused).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="150" />
        <source>Create the admin account</source>
        <translation>Create the admin account</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="158" />
        <source>Nobody needs to sign in until an admin account exists. Make it now: it can then add the commune's operators, approvers and technicians.</source>
        <translation>Nobody needs to sign in until an admin account exists. Make it now: it can then add the commune's operators, approvers and technicians.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="167" />
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="169" />
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="170" />
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="183" />
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="259" />
        <source>No accounts yet (before accounts)</source>
        <translation>No accounts yet (before accounts)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="307" />
        <source>Signed in: {name} ({roles})</source>
        <translation>Signed in: {name} ({roles})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="324" />
        <location filename="../../desktop/gui/login.py" line="368" />
        <source>Needs the role: {role}</source>
        <translation>Needs the role: {role}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="323" />
        <location filename="../../desktop/gui/login.py" line="331" />
        <location filename="../../desktop/gui/login.py" line="339" />
        <source>Emergency broadcast</source>
        <translation>Emergency broadcast</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="332" />
        <source>One-time code of your authenticator app:</source>
        <translation>One-time code of your authenticator app:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="79" />
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="61" />
        <source>LoaXa: commune loudspeaker broadcasting</source>
        <translation>LoaXa: commune loudspeaker broadcasting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="71" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="72" />
        <source>Library</source>
        <translation>Library</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="73" />
        <source>Playlists</source>
        <translation>Playlists</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="74" />
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="75" />
        <source>Endpoints</source>
        <translation>Endpoints</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="76" />
        <source>As-run log</source>
        <translation>As-run log</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="77" />
        <source>Import bundle</source>
        <translation>Import bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="78" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="80" />
        <source>Audit trail</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="96" />
        <source>Opening the data…</source>
        <translation>Opening the data…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="139" />
        <source>The data could not be opened.</source>
        <translation>The data could not be opened.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="155" />
        <source>Lost the connection to the database server; retrying…</source>
        <translation>Lost the connection to the database server; retrying…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="202" />
        <source>Ready.</source>
        <translation>Ready.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="244" />
        <source>Areas created: {province} and {n} communes and wards.</source>
        <translation>Areas created: {province} and {n} communes and wards.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="352" />
        <source>Airing {outcome}</source>
        <translation>Airing {outcome}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="355" />
        <source>Endpoint offline</source>
        <translation>Endpoint offline</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="355" />
        <source>{name} cannot be reached.</source>
        <translation>{name} cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="376" />
        <source>Open LoaXa</source>
        <translation>Open LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="378" />
        <source>Emergency broadcast…</source>
        <translation>Emergency broadcast…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="385" />
        <source>Quit (the engine keeps broadcasting)</source>
        <translation>Quit (the engine keeps broadcasting)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="429" />
        <source>Engine running (since {since})</source>
        <translation>Engine running (since {since})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="431" />
        <source>Engine running on {pc} (since {since})</source>
        <translation>Engine running on {pc} (since {since})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="434" />
        <source>busy: it answered {ms} ms late</source>
        <translation>busy: it answered {ms} ms late</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="436" />
        <source>Engine not answering (last heartbeat {s} s ago): restart it if this lasts</source>
        <translation>Engine not answering (last heartbeat {s} s ago): restart it if this lasts</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="438" />
        <source>Engine not running: nothing will air</source>
        <translation>Engine not running: nothing will air</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="440" />
        <source>standby (dự phòng) on {pc} ready to take over</source>
        <translation>standby (dự phòng) on {pc} ready to take over</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="444" />
        <source>Engine stopped</source>
        <translation>Engine stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="453" />
        <source>Engine state unknown: {error}</source>
        <translation>Engine state unknown: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="459" />
        <source>Starting the engine…</source>
        <translation>Starting the engine…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="465" />
        <source>Stop the engine</source>
        <translation>Stop the engine</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="465" />
        <source>Stop the engine? Nothing will air until it is started again.</source>
        <translation>Stop the engine? Nothing will air until it is started again.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="474" />
        <source>Stopping the engine…</source>
        <translation>Stopping the engine…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="486" />
        <source>Emergency broadcast sent to the engine.</source>
        <translation>Emergency broadcast sent to the engine.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="495" />
        <source>On air live.</source>
        <translation>On air live.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="504" />
        <source>Stop what is on air on: {codes}?</source>
        <translation>Stop what is on air on: {codes}?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="505" />
        <source>Stop broadcasting</source>
        <translation>Stop broadcasting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="537" />
        <source>LoaXa is still running here; the engine keeps broadcasting.</source>
        <translation>LoaXa is still running here; the engine keeps broadcasting.</translation>
    </message>
</context>
<context>
    <name>MetaDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="23" />
        <source>Edit item</source>
        <translation>Edit item</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="38" />
        <source>Valid from</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="40" />
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="50" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="51" />
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="52" />
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="53" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="54" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="55" />
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="56" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="214" />
        <source>New password for {name}</source>
        <translation>New password for {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="219" />
        <source>At least {n} characters, not containing the user name.</source>
        <translation>At least {n} characters, not containing the user name.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="222" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="223" />
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="225" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="226" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PlaylistsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="105" />
        <source>New playlist…</source>
        <translation>New playlist…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="106" />
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="109" />
        <location filename="../../desktop/gui/pages/playlists.py" line="283" />
        <source>Playlists</source>
        <translation>Playlists</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="119" />
        <source>Remove from playlist</source>
        <translation>Remove from playlist</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="120" />
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="121" />
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="134" />
        <source>Search approved items…</source>
        <translation>Search approved items…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="143" />
        <source>← Add to playlist</source>
        <translation>← Add to playlist</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="223" />
        <source>Relay: {url}</source>
        <translation>Relay: {url}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="227" />
        <source>Total length: {d}</source>
        <translation>Total length: {d}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="229" />
        <source>No problems in the next 7 days.</source>
        <translation>No problems in the next 7 days.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="235" />
        <source>New playlist</source>
        <translation>New playlist</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="235" />
        <location filename="../../desktop/gui/pages/playlists.py" line="249" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="249" />
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="283" />
        <source>Create or choose a playlist first.</source>
        <translation>Create or choose a playlist first.</translation>
    </message>
</context>
<context>
    <name>ProvincePicker</name>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="65" />
        <source>Your province and commune</source>
        <translation>Your province and commune</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="69" />
        <source>Choose the province and your commune or ward from the official list (after 1 July 2025). LoaXa creates the province and its communes with their official codes; you add villages beneath your commune later.</source>
        <translation>Choose the province and your commune or ward from the official list (after 1 July 2025). LoaXa creates the province and its communes with their official codes; you add villages beneath your commune later.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="74" />
        <source>Search a province, e.g. tuyen quang</source>
        <translation>Search a province, e.g. tuyen quang</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="77" />
        <source>Search a commune or ward, e.g. ha giang 1</source>
        <translation>Search a commune or ward, e.g. ha giang 1</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="81" />
        <source>Create these areas</source>
        <translation>Create these areas</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="84" />
        <source>Later (I will add areas myself)</source>
        <translation>Later (I will add areas myself)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="86" />
        <source>Province or city</source>
        <translation>Province or city</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="90" />
        <source>Your commune or ward</source>
        <translation>Your commune or ward</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="171" />
        <source>{province}: {n} communes and wards will be created.</source>
        <translation>{province}: {n} communes and wards will be created.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="173" />
        <source>Your commune: {commune}.</source>
        <translation>Your commune: {commune}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="181" />
        <source>Creating the areas…</source>
        <translation>Creating the areas…</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="62" />
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="63" />
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="64" />
        <source>Planned</source>
        <translation>Planned</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="65" />
        <source>Actual</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="66" />
        <source>Delay</source>
        <translation>Delay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="67" />
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="68" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="69" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="70" />
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="71" />
        <source>Heard by a listener</source>
        <translation>Heard by a listener</translation>
    </message>
</context>
<context>
    <name>RunsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="236" />
        <source>Endpoint code</source>
        <translation>Endpoint code</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="238" />
        <source>All outcomes</source>
        <translation>All outcomes</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="242" />
        <source>All fields</source>
        <translation>All fields</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="246" />
        <source>All priorities</source>
        <translation>All priorities</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="249" />
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="252" />
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="254" />
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="309" />
        <source>{n} records</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="317" />
        <source>Export the as-run log</source>
        <translation>Export the as-run log</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="216" />
        <source>endpoint or area codes, comma separated</source>
        <translation>endpoint or area codes, comma separated</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="219" />
        <source>Every day</source>
        <translation>Every day</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="220" />
        <source>Chosen weekdays</source>
        <translation>Chosen weekdays</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="221" />
        <source>Monthly</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="222" />
        <source>Once</source>
        <translation>Once</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="223" />
        <source>Lunar calendar</source>
        <translation>Lunar calendar</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="229" />
        <source>1,15: the 1st (mùng 1) and the full moon (rằm) of every lunar month; 10/3: the 10th day of the 3rd lunar month every year</source>
        <translation>1,15: the 1st (mùng 1) and the full moon (rằm) of every lunar month; 10/3: the 10th day of the 3rd lunar month every year</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="240" />
        <source>day {n}</source>
        <translation>day {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="242" />
        <source>first</source>
        <translation>first</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="243" />
        <source>second</source>
        <translation>second</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="244" />
        <source>third</source>
        <translation>third</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="245" />
        <source>fourth</source>
        <translation>fourth</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="246" />
        <source>last</source>
        <translation>last</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="255" />
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="257" />
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="264" />
        <source>From the items</source>
        <translation>From the items</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="269" />
        <source>Wait for the running airing (next)</source>
        <translation>Wait for the running airing (next)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="270" />
        <source>Interrupt it (cut)</source>
        <translation>Interrupt it (cut)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="271" />
        <source>Wait at most… (wait)</source>
        <translation>Wait at most… (wait)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="279" />
        <source>Resume where cut</source>
        <translation>Resume where cut</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="279" />
        <source>Restart from the beginning</source>
        <translation>Restart from the beginning</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="279" />
        <source>Drop the rest</source>
        <translation>Drop the rest</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="287" />
        <source>reason, to air inside quiet hours</source>
        <translation>reason, to air inside quiet hours</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="289" />
        <source>none (15 or 14:30)</source>
        <translation>none (15 or 14:30)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="290" />
        <source>The slot's length: the week view shows how much the programme runs over or under it</source>
        <translation>The slot's length: the week view shows how much the programme runs over or under it</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="291" />
        <source>Playlist</source>
        <translation>Playlist</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="292" />
        <source>Targets</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="293" />
        <source>Repeats</source>
        <translation>Repeats</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="295" />
        <source>Times</source>
        <translation>Times</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="298" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="302" />
        <source>On overlap</source>
        <translation>On overlap</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="303" />
        <source>When interrupted</source>
        <translation>When interrupted</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="306" />
        <source>times, gap</source>
        <translation>times, gap</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="308" />
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="309" />
        <source>Quiet hours override</source>
        <translation>Quiet hours override</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="310" />
        <source>Slot length</source>
        <translation>Slot length</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="427" />
        <source>Endpoint or area</source>
        <translation>Endpoint or area</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="432" />
        <source>Weekly programme (PDF)…</source>
        <translation>Weekly programme (PDF)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="433" />
        <source>The week shown, as the programme to sign (lịch phát sóng tuần, A4)</source>
        <translation>The week shown, as the programme to sign (lịch phát sóng tuần, A4)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="438" />
        <source>New schedule</source>
        <translation>New schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="439" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="440" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="446" />
        <source>What the planner sees:</source>
        <translation>What the planner sees:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="522" />
        <source>No problems.</source>
        <translation>No problems.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="528" />
        <source>New schedule: fill in the form, check the problems, then save.</source>
        <translation>New schedule: fill in the form, check the problems, then save.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="542" />
        <source>Editing schedule {id}.</source>
        <translation>Editing schedule {id}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="560" />
        <source>Schedule {id} saved.</source>
        <translation>Schedule {id} saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="573" />
        <source>Schedule {id} deleted.</source>
        <translation>Schedule {id} deleted.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="579" />
        <source>Save the weekly programme</source>
        <translation>Save the weekly programme</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="579" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="592" />
        <source>Writing the weekly programme…</source>
        <translation>Writing the weekly programme…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="600" />
        <source>Weekly programme written: {path} ({n} airings).</source>
        <translation>Weekly programme written: {path} ({n} airings).</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="53" />
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="59" />
        <source>Start the engine with the application</source>
        <translation>Start the engine with the application</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="61" />
        <source>Language (after a restart)</source>
        <translation>Language (after a restart)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="62" />
        <source>Operator name (for approvals)</source>
        <translation>Operator name (for approvals)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="67" />
        <location filename="../../desktop/gui/pages/settings.py" line="71" />
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="68" />
        <source>The engine connects to each loudspeaker stream this long before an airing, so the first word is heard.</source>
        <translation>The engine connects to each loudspeaker stream this long before an airing, so the first word is heard.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="74" />
        <source>After the computer was off or busy, an airing still starts (joining where it has reached) if it is at most this late; later ones are recorded as missed.</source>
        <translation>After the computer was off or busy, an airing still starts (joining where it has reached) if it is at most this late; later ones are recorded as missed.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="77" />
        <source>Connect before each airing</source>
        <translation>Connect before each airing</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="78" />
        <source>An airing may still start late by</source>
        <translation>An airing may still start late by</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="79" />
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="81" />
        <source>off (choose a folder on another disk or a USB drive)</source>
        <translation>off (choose a folder on another disk or a USB drive)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="82" />
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="85" />
        <source>backups</source>
        <translation>backups</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="89" />
        <source>keep</source>
        <translation>keep</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="91" />
        <source>Daily automatic backup</source>
        <translation>Daily automatic backup</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="93" />
        <source>Loudness (speech preset)</source>
        <translation>Loudness (speech preset)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="101" />
        <source>Trim silence at both ends</source>
        <translation>Trim silence at both ends</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="105" />
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="106" />
        <source>Render every item again now</source>
        <translation>Render every item again now</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="107" />
        <source>Target loudness</source>
        <translation>Target loudness</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="108" />
        <source>True-peak ceiling</source>
        <translation>True-peak ceiling</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="110" />
        <source>High-pass for horn speakers</source>
        <translation>High-pass for horn speakers</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="113" />
        <location filename="../../desktop/gui/pages/settings.py" line="129" />
        <source>Quiet hours</source>
        <translation>Quiet hours</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="117" />
        <source>As the area above it</source>
        <translation>As the area above it</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="118" />
        <source>No quiet hours</source>
        <translation>No quiet hours</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="119" />
        <source>From … to …</source>
        <translation>From … to …</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="122" />
        <source>Apply to the area</source>
        <translation>Apply to the area</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="128" />
        <source>Area</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="133" />
        <source>Trusted keys (content bundles)</source>
        <translation>Trusted keys (content bundles)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="136" />
        <source>Trust a public key…</source>
        <translation>Trust a public key…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="137" />
        <source>Revoke</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="145" />
        <source>Save settings</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="208" />
        <source>revoked</source>
        <translation>revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="221" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="222" />
        <source>In effect: {hours}</source>
        <translation>In effect: {hours}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="249" />
        <source>Saved. Items are rendered again with a new loudness preset when you press Render.</source>
        <translation>Saved. Items are rendered again with a new loudness preset when you press Render.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="255" />
        <source>Folder for the daily backup</source>
        <translation>Folder for the daily backup</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="261" />
        <source>Rendering…</source>
        <translation>Rendering…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="270" />
        <source>{made} renditions made, {failed} failed.</source>
        <translation>{made} renditions made, {failed} failed.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="280" />
        <source>Quiet hours changed.</source>
        <translation>Quiet hours changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="291" />
        <source>A public key (PEM)</source>
        <translation>A public key (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="295" />
        <source>Trust a key</source>
        <translation>Trust a key</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="295" />
        <source>Issuer code (the province or district code)</source>
        <translation>Issuer code (the province or district code)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="303" />
        <source>Key trusted.</source>
        <translation>Key trusted.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="312" />
        <source>Key revoked.</source>
        <translation>Key revoked.</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63" />
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63" />
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="97" />
        <source>emergency</source>
        <translation>emergency</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="97" />
        <source>priority</source>
        <translation>priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="97" />
        <source>normal</source>
        <translation>normal</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="138" />
        <source>Engine: checking…</source>
        <translation>Engine: checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="141" />
        <source>Start the engine</source>
        <translation>Start the engine</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="143" />
        <source>Stop the engine</source>
        <translation>Stop the engine</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="154" />
        <source>Nothing is planned for today.</source>
        <translation>Nothing is planned for today.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="156" />
        <source>EMERGENCY BROADCAST</source>
        <translation>EMERGENCY BROADCAST</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="161" />
        <source>Go live…</source>
        <translation>Go live…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="163" />
        <source>Speak live from this PC's microphone on chosen endpoints</source>
        <translation>Speak live from this PC's microphone on chosen endpoints</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="164" />
        <source>Stop broadcasting</source>
        <translation>Stop broadcasting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="244" />
        <source>Today, {date}</source>
        <translation>Today, {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="250" />
        <source>On air now: {what}</source>
        <translation>On air now: {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="252" />
        <source>Nothing is on air now.</source>
        <translation>Nothing is on air now.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="255" />
        <source>Next: {time} {title} ({endpoint})</source>
        <translation>Next: {time} {title} ({endpoint})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="257" />
        <source>Nothing more today.</source>
        <translation>Nothing more today.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="260" />
        <source>Endpoints offline: {names}</source>
        <translation>Endpoints offline: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="273" />
        <source>⚠ The province refused {n} messages; they are not sent again by themselves:</source>
        <translation>⚠ The province refused {n} messages; they are not sent again by themselves:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="275" />
        <source>message {id} ({kind}): {reason}</source>
        <translation>message {id} ({kind}): {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="276" />
        <source>When the province has fixed its side: Settings → HTTTN → Send refused messages again.</source>
        <translation>When the province has fixed its side: Settings → HTTTN → Send refused messages again.</translation>
    </message>
</context>
<context>
    <name>TotpDialog</name>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="59" />
        <source>One-time codes for {name}</source>
        <translation>One-time codes for {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="62" />
        <source>Open the authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP…) on the phone, add an account and scan this code. Without a camera, type the key instead.</source>
        <translation>Open the authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP…) on the phone, add an account and scan this code. Without a camera, type the key instead.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="67" />
        <source>Making the code…</source>
        <translation>Making the code…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="81" />
        <source>6 digits</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="86" />
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="87" />
        <source>Code shown by the app</source>
        <translation>Code shown by the app</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="90" />
        <source>Confirm and save</source>
        <translation>Confirm and save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="92" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/gui/errors.py" line="41" />
        <source>LoaXa</source>
        <translation>LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="62" />
        <source>LoaXa: unexpected error</source>
        <translation>LoaXa: unexpected error</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="64" />
        <source>Something went wrong inside LoaXa. Broadcasting continues in the engine.
Please send the log file to your technician:
{path}</source>
        <translation>Something went wrong inside LoaXa. Broadcasting continues in the engine.
Please send the log file to your technician:
{path}</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="27" />
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="28" />
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="29" />
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="30" />
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="31" />
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="32" />
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="33" />
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="40" />
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="41" />
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="42" />
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="43" />
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="44" />
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="45" />
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="46" />
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="71" />
        <source>planned</source>
        <translation>planned</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="72" />
        <source>on air</source>
        <translation>on air</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="73" />
        <source>aired</source>
        <translation>aired</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="74" />
        <source>partly aired</source>
        <translation>partly aired</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="75" />
        <source>interrupted by a more urgent airing</source>
        <translation>interrupted by a more urgent airing</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="76" />
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="77" />
        <source>cut off (engine stopped)</source>
        <translation>cut off (engine stopped)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="78" />
        <source>not aired</source>
        <translation>not aired</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="79" />
        <source>missed</source>
        <translation>missed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="80" />
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="81" />
        <source>cancelled (holiday)</source>
        <translation>cancelled (holiday)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="82" />
        <source>no record</source>
        <translation>no record</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="44" />
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="45" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="46" />
        <source>not checked yet</source>
        <translation>not checked yet</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="12" />
        <source>1 General information</source>
        <translation>1 General information</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="13" />
        <source>2 Breaking information</source>
        <translation>2 Breaking information</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="14" />
        <source>3 Policy and law</source>
        <translation>3 Policy and law</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="15" />
        <source>4 Local administration</source>
        <translation>4 Local administration</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="16" />
        <source>5 Knowledge</source>
        <translation>5 Knowledge</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="17" />
        <source>6 Good people, good deeds</source>
        <translation>6 Good people, good deeds</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="23" />
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="24" />
        <source>approved</source>
        <translation>approved</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="25" />
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="26" />
        <source>retired</source>
        <translation>retired</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="32" />
        <source>emergency</source>
        <translation>emergency</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="33" />
        <source>priority</source>
        <translation>priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="34" />
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="184" />
        <source>resumed at {position}</source>
        <translation>resumed at {position}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="200" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="201" />
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <location filename="../../desktop/gui/app.py" line="185" />
        <source>Starting the engine…</source>
        <translation>Starting the engine…</translation>
    </message>
</context>
</TS>