<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="30" />
        <source>LoaXa: commune loudspeaker broadcasting</source>
        <translation>LoaXa: commune loudspeaker broadcasting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="36" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="48" />
        <source>Ready.</source>
        <translation>Ready.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="83" />
        <source>Engine running (since {since})</source>
        <translation>Engine running (since {since})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="85" />
        <source>Engine not running: nothing will air</source>
        <translation>Engine not running: nothing will air</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="93" />
        <source>Engine state unknown: {error}</source>
        <translation>Engine state unknown: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="97" />
        <source>Starting the engine…</source>
        <translation>Starting the engine…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="102" />
        <source>Stop the engine</source>
        <translation>Stop the engine</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="102" />
        <source>Stop the engine? Nothing will air until it is started again.</source>
        <translation>Stop the engine? Nothing will air until it is started again.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="107" />
        <source>Stopping the engine…</source>
        <translation>Stopping the engine…</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48" />
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48" />
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48" />
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48" />
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="48" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="82" />
        <source>emergency</source>
        <translation>emergency</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="82" />
        <source>priority</source>
        <translation>priority</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="82" />
        <source>normal</source>
        <translation>normal</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="114" />
        <source>Engine: checking…</source>
        <translation>Engine: checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="115" />
        <source>Start the engine</source>
        <translation>Start the engine</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="117" />
        <source>Stop the engine</source>
        <translation>Stop the engine</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="128" />
        <source>Nothing is planned for today.</source>
        <translation>Nothing is planned for today.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="166" />
        <source>Today, {date}</source>
        <translation>Today, {date}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/gui/errors.py" line="40" />
        <source>LoaXa</source>
        <translation>LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="57" />
        <source>LoaXa: unexpected error</source>
        <translation>LoaXa: unexpected error</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="58" />
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
        <location filename="../../desktop/gui/formatting.py" line="15" />
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="16" />
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="17" />
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="18" />
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="19" />
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="20" />
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="21" />
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="44" />
        <source>planned</source>
        <translation>planned</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="45" />
        <source>on air</source>
        <translation>on air</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="46" />
        <source>aired</source>
        <translation>aired</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="47" />
        <source>partly aired</source>
        <translation>partly aired</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="48" />
        <source>interrupted by a more urgent airing</source>
        <translation>interrupted by a more urgent airing</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="49" />
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="50" />
        <source>cut off (engine stopped)</source>
        <translation>cut off (engine stopped)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="51" />
        <source>not aired</source>
        <translation>not aired</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="52" />
        <source>missed</source>
        <translation>missed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="53" />
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="54" />
        <source>cancelled (holiday)</source>
        <translation>cancelled (holiday)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="55" />
        <source>no record</source>
        <translation>no record</translation>
    </message>
</context>
</TS>