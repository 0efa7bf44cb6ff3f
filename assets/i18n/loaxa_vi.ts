<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>AreaDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="106"/>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="114"/>
        <source>(top level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="118"/>
        <source>inherit (e.g. 21:00-05:00, or none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="119"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="120"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="121"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="122"/>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="123"/>
        <source>Quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="62"/>
        <location filename="../../desktop/gui/emergency.py" line="177"/>
        <source>Emergency broadcast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="64"/>
        <source>An approved item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="65"/>
        <source>An audio file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="69"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="73"/>
        <source>Every endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="74"/>
        <source>An area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="75"/>
        <source>Chosen endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="87"/>
        <source>BROADCAST NOW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="89"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="131"/>
        <source>Emergency audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="131"/>
        <source>Audio (*.mp3 *.wav *.m4a *.ogg *.amr *.wma *.flac);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="154"/>
        <source>It will air at once on {n} endpoints: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="156"/>
        <source>It interrupts what is on air now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="158"/>
        <source>The interrupted programmes resume afterwards as their schedules say.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="160"/>
        <source>Nothing is on air on these endpoints now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="162"/>
        <source>Warning: the engine is not running; start it first or nothing will air.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="170"/>
        <source>Confirm the emergency broadcast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="170"/>
        <source>Broadcast now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="177"/>
        <source>Choose at least one target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="179"/>
        <source>the operator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="70"/>
        <source>Endpoint</source>
        <translation type="unfinished">Điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="85"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="91"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="92"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="93"/>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="95"/>
        <source>Source password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="96"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="139"/>
        <source>Area / endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="139"/>
        <source>Status</source>
        <translation type="unfinished">Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="139"/>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="139"/>
        <source>Last airing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="139"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="141"/>
        <source>Add area…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="142"/>
        <source>Add endpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="143"/>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="144"/>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="179"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="236"/>
        <source>Testing {code}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="80"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="80"/>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="80"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="80"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="80"/>
        <source>Priority</source>
        <translation type="unfinished">Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="80"/>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="80"/>
        <source>Loudness (LUFS)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="275"/>
        <source>Search (accents optional)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="278"/>
        <source>All fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="282"/>
        <source>All priorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="286"/>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="290"/>
        <source>All languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="291"/>
        <source>Vietnamese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="291"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="293"/>
        <source>Valid today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="299"/>
        <source>Import files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="300"/>
        <source>Import folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="301"/>
        <location filename="../../desktop/gui/pages/library.py" line="544"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="302"/>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="303"/>
        <location filename="../../desktop/gui/pages/library.py" line="570"/>
        <source>Retire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="304"/>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="313"/>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="333"/>
        <location filename="../../desktop/gui/pages/library.py" line="632"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="350"/>
        <source>Drop audio files or folders here to import them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="436"/>
        <source>State: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="437"/>
        <source>Length: {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="438"/>
        <source>Loudness of the source: {lufs} LUFS, true peak {tp} dBTP, range {lra} LU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="443"/>
        <source>Rendition {format}: {lufs} LUFS, {tp} dBTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="445"/>
        <source>Rejected: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="465"/>
        <source>Import audio files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="465"/>
        <source>Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.opus *.flac *.amr *.wma);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="470"/>
        <source>Import a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="522"/>
        <source>{added} added, {dups} already in the library, {refused} refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="544"/>
        <source>Who approves? (name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="559"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="559"/>
        <source>Why is it rejected?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="570"/>
        <source>Retire this item? It will no longer air.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="632"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="60"/>
        <source>LoaXa: commune loudspeaker broadcasting</source>
        <translation>LoaXa: phát thanh loa truyền thanh cơ sở</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="70"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="70"/>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="70"/>
        <source>Playlists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="70"/>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="71"/>
        <source>Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="71"/>
        <source>As-run log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="71"/>
        <source>Import bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="71"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="87"/>
        <source>Opening the data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="120"/>
        <source>The data could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="167"/>
        <source>Ready.</source>
        <translation>Sẵn sàng.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="251"/>
        <source>Airing {outcome}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="254"/>
        <source>Endpoint offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="254"/>
        <source>{name} cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="275"/>
        <source>Open LoaXa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="277"/>
        <source>Emergency broadcast…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="279"/>
        <source>Quit (the engine keeps broadcasting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="314"/>
        <source>Engine running (since {since})</source>
        <translation>Bộ phát đang chạy (từ {since})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="316"/>
        <source>Engine not running: nothing will air</source>
        <translation>Bộ phát chưa chạy: sẽ không có gì được phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="320"/>
        <source>Engine stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="329"/>
        <source>Engine state unknown: {error}</source>
        <translation>Không rõ trạng thái bộ phát: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="335"/>
        <source>Starting the engine…</source>
        <translation>Đang khởi động bộ phát…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="341"/>
        <source>Stop the engine</source>
        <translation>Dừng bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="341"/>
        <source>Stop the engine? Nothing will air until it is started again.</source>
        <translation>Dừng bộ phát? Sẽ không có gì được phát cho đến khi khởi động lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="347"/>
        <source>Stopping the engine…</source>
        <translation>Đang dừng bộ phát…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="355"/>
        <source>Emergency broadcast sent to the engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="364"/>
        <source>Stop what is on air on: {codes}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="365"/>
        <source>Stop broadcasting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="396"/>
        <source>LoaXa is still running here; the engine keeps broadcasting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetaDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="210"/>
        <source>Edit item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="225"/>
        <source>Valid from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="227"/>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="237"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="238"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="239"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="240"/>
        <source>Priority</source>
        <translation type="unfinished">Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="241"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="242"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="243"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaylistsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="105"/>
        <source>New playlist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="106"/>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="109"/>
        <location filename="../../desktop/gui/pages/playlists.py" line="283"/>
        <source>Playlists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="119"/>
        <source>Remove from playlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="120"/>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="121"/>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="134"/>
        <source>Search approved items…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="143"/>
        <source>← Add to playlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="223"/>
        <source>Relay: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="227"/>
        <source>Total length: {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="229"/>
        <source>No problems in the next 7 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="235"/>
        <source>New playlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="235"/>
        <location filename="../../desktop/gui/pages/playlists.py" line="249"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="249"/>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="283"/>
        <source>Create or choose a playlist first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="78"/>
        <source>Endpoint</source>
        <translation type="unfinished">Điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="78"/>
        <source>Programme</source>
        <translation type="unfinished">Chương trình</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="78"/>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="78"/>
        <source>Actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="78"/>
        <source>Delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="78"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="79"/>
        <source>Reason</source>
        <translation type="unfinished">Lý do</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="79"/>
        <source>Priority</source>
        <translation type="unfinished">Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="79"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="79"/>
        <source>Heard by a listener</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="241"/>
        <source>Endpoint code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="243"/>
        <source>All outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="247"/>
        <source>All fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="251"/>
        <source>All priorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="254"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="257"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="259"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="305"/>
        <source>{n} records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="313"/>
        <source>Export the as-run log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="196"/>
        <source>endpoint or area codes, comma separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="198"/>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="198"/>
        <source>Chosen weekdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="198"/>
        <source>Monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="198"/>
        <source>Once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="209"/>
        <source>day {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="210"/>
        <source>first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="210"/>
        <source>second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="210"/>
        <source>third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="210"/>
        <source>fourth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="210"/>
        <source>last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="218"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="220"/>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="226"/>
        <source>From the items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="230"/>
        <source>Wait for the running airing (next)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="230"/>
        <source>Interrupt it (cut)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="230"/>
        <source>Wait at most… (wait)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="237"/>
        <source>Resume where cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="237"/>
        <source>Restart from the beginning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="237"/>
        <source>Drop the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="245"/>
        <source>reason, to air inside quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="246"/>
        <source>Playlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="247"/>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="248"/>
        <source>Repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="250"/>
        <source>Times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="253"/>
        <source>Priority</source>
        <translation type="unfinished">Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="257"/>
        <source>On overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="258"/>
        <source>When interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="261"/>
        <source>times, gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="263"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="264"/>
        <source>Quiet hours override</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="367"/>
        <source>Endpoint or area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="375"/>
        <source>New schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="376"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="377"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="383"/>
        <source>What the planner sees:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="460"/>
        <source>No problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="466"/>
        <source>New schedule: fill in the form, check the problems, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="480"/>
        <source>Editing schedule {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="498"/>
        <source>Schedule {id} saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="511"/>
        <source>Schedule {id} deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="54"/>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="60"/>
        <source>Start the engine with the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="62"/>
        <source>Language (after a restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="63"/>
        <source>Operator name (for approvals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="65"/>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="67"/>
        <source>Loudness (speech preset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="75"/>
        <source>Trim silence at both ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="79"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="80"/>
        <source>Render every item again now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="81"/>
        <source>Target loudness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="82"/>
        <source>True-peak ceiling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="84"/>
        <source>High-pass for horn speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="87"/>
        <location filename="../../desktop/gui/pages/settings.py" line="97"/>
        <source>Quiet hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="92"/>
        <source>Apply to the area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="96"/>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="99"/>
        <source>Trusted keys (content bundles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="102"/>
        <source>Trust a public key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="103"/>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="111"/>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="155"/>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="165"/>
        <source>In effect: {hours}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="188"/>
        <source>Saved. Items are rendered again with a new loudness preset when you press Render.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="195"/>
        <source>Rendering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="202"/>
        <source>{made} renditions made, {failed} failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="209"/>
        <source>Quiet hours changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="220"/>
        <source>A public key (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="224"/>
        <source>Trust a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="224"/>
        <source>Issuer code (the province or district code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="232"/>
        <source>Key trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="241"/>
        <source>Key revoked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48"/>
        <source>Endpoint</source>
        <translation>Điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48"/>
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48"/>
        <source>Programme</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="82"/>
        <source>emergency</source>
        <translation>khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="82"/>
        <source>priority</source>
        <translation>ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="82"/>
        <source>normal</source>
        <translation>thông thường</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="135"/>
        <source>Engine: checking…</source>
        <translation>Bộ phát: đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="136"/>
        <source>Start the engine</source>
        <translation>Khởi động bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="138"/>
        <source>Stop the engine</source>
        <translation>Dừng bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="149"/>
        <source>Nothing is planned for today.</source>
        <translation>Hôm nay không có lượt phát nào được lên lịch.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="151"/>
        <source>EMERGENCY BROADCAST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="154"/>
        <source>Stop broadcasting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="209"/>
        <source>Today, {date}</source>
        <translation>Hôm nay, {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="215"/>
        <source>On air now: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="217"/>
        <source>Nothing is on air now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="219"/>
        <source>Next: {time} {title} ({endpoint})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="219"/>
        <source>Nothing more today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="221"/>
        <source>Endpoints offline: {names}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/gui/errors.py" line="41"/>
        <source>LoaXa</source>
        <translation>LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="62"/>
        <source>LoaXa: unexpected error</source>
        <translation>LoaXa: lỗi không mong muốn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="63"/>
        <source>Something went wrong inside LoaXa. Broadcasting continues in the engine.
Please send the log file to your technician:
{path}</source>
        <translation>Đã xảy ra lỗi bên trong LoaXa. Bộ phát vẫn tiếp tục phát thanh bình thường.
Vui lòng gửi tệp nhật ký lỗi dưới đây cho kỹ thuật viên:
{path}</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="15"/>
        <source>Monday</source>
        <translation>Thứ Hai</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="16"/>
        <source>Tuesday</source>
        <translation>Thứ Ba</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="17"/>
        <source>Wednesday</source>
        <translation>Thứ Tư</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="18"/>
        <source>Thursday</source>
        <translation>Thứ Năm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="19"/>
        <source>Friday</source>
        <translation>Thứ Sáu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="20"/>
        <source>Saturday</source>
        <translation>Thứ Bảy</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="21"/>
        <source>Sunday</source>
        <translation>Chủ nhật</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="28"/>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="29"/>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="30"/>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="31"/>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="32"/>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="33"/>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="34"/>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="57"/>
        <source>planned</source>
        <translation>đã lên lịch</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="58"/>
        <source>on air</source>
        <translation>đang phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="59"/>
        <source>aired</source>
        <translation>đã phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="60"/>
        <source>partly aired</source>
        <translation>phát một phần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="61"/>
        <source>interrupted by a more urgent airing</source>
        <translation>bị ngắt để phát tin ưu tiên hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="62"/>
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="63"/>
        <source>cut off (engine stopped)</source>
        <translation>bị gián đoạn (bộ phát đã dừng)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="64"/>
        <source>not aired</source>
        <translation>không phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="65"/>
        <source>missed</source>
        <translation>bị lỡ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="66"/>
        <source>failed</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="67"/>
        <source>cancelled (holiday)</source>
        <translation>đã hủy (ngày lễ)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="68"/>
        <source>no record</source>
        <translation>không có nhật ký phát</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="46"/>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="47"/>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="48"/>
        <source>not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="55"/>
        <source>1 General information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="56"/>
        <source>2 Breaking information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="57"/>
        <source>3 Policy and law</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="58"/>
        <source>4 Local administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="59"/>
        <source>5 Knowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="60"/>
        <source>6 Good people, good deeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="184"/>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="185"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="186"/>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="187"/>
        <source>retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="193"/>
        <source>emergency</source>
        <translation type="unfinished">khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="194"/>
        <source>priority</source>
        <translation type="unfinished">ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library.py" line="195"/>
        <source>normal</source>
        <translation type="unfinished">thông thường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="204"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="205"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <location filename="../../desktop/gui/app.py" line="149"/>
        <source>Starting the engine…</source>
        <translation type="unfinished">Đang khởi động bộ phát…</translation>
    </message>
</context>
</TS>
