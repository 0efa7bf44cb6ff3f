<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <location filename="../../desktop/gui/formatting.py" line="16" />
        <source>formatting</source>
        <comment>Monday</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="16" />
        <source>formatting</source>
        <comment>Tuesday</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="16" />
        <source>formatting</source>
        <comment>Wednesday</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="16" />
        <source>formatting</source>
        <comment>Thursday</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="17" />
        <source>formatting</source>
        <comment>Friday</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="17" />
        <source>formatting</source>
        <comment>Saturday</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="17" />
        <source>formatting</source>
        <comment>Sunday</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="42" />
        <source>formatting</source>
        <comment>on air</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="43" />
        <source>formatting</source>
        <comment>aired</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="44" />
        <source>formatting</source>
        <comment>partly aired</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="45" />
        <source>formatting</source>
        <comment>interrupted by a more urgent airing</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="46" />
        <source>formatting</source>
        <comment>stopped</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="47" />
        <source>formatting</source>
        <comment>cut off (engine stopped)</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="48" />
        <source>formatting</source>
        <comment>not aired</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="49" />
        <source>formatting</source>
        <comment>missed</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="50" />
        <source>formatting</source>
        <comment>failed</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="51" />
        <source>formatting</source>
        <comment>cancelled (holiday)</comment>
        <translation>formatting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="52" />
        <source>formatting</source>
        <comment>no record</comment>
        <translation>formatting</translation>
    </message>
</context>
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
    <name>QCoreApplication</name>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="41" />
        <source>formatting</source>
        <comment>planned</comment>
        <translation>formatting</translation>
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
        <location filename="../../desktop/gui/errors.py" line="31" />
        <source>LoaXa</source>
        <translation>LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="48" />
        <source>LoaXa: unexpected error</source>
        <translation>LoaXa: unexpected error</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="49" />
        <source>Something went wrong inside LoaXa. Broadcasting continues in the engine.
Please send the log file to your technician:
{path}</source>
        <translation>Something went wrong inside LoaXa. Broadcasting continues in the engine.
Please send the log file to your technician:
{path}</translation>
    </message>
</context>
</TS>