<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="30"/>
        <source>LoaXa: commune loudspeaker broadcasting</source>
        <translation>LoaXa: phát thanh loa truyền thanh cơ sở</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="36"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="48"/>
        <source>Ready.</source>
        <translation>Sẵn sàng.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="83"/>
        <source>Engine running (since {since})</source>
        <translation>Bộ phát đang chạy (từ {since})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="85"/>
        <source>Engine not running: nothing will air</source>
        <translation>Bộ phát chưa chạy: sẽ không có gì được phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="93"/>
        <source>Engine state unknown: {error}</source>
        <translation>Không rõ trạng thái bộ phát: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="97"/>
        <source>Starting the engine…</source>
        <translation>Đang khởi động bộ phát…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="102"/>
        <source>Stop the engine</source>
        <translation>Dừng bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="102"/>
        <source>Stop the engine? Nothing will air until it is started again.</source>
        <translation>Dừng bộ phát? Sẽ không có gì được phát cho đến khi khởi động lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="107"/>
        <source>Stopping the engine…</source>
        <translation>Đang dừng bộ phát…</translation>
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
        <location filename="../../desktop/gui/pages/today.py" line="114"/>
        <source>Engine: checking…</source>
        <translation>Bộ phát: đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="115"/>
        <source>Start the engine</source>
        <translation>Khởi động bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="117"/>
        <source>Stop the engine</source>
        <translation>Dừng bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="128"/>
        <source>Nothing is planned for today.</source>
        <translation>Hôm nay không có lượt phát nào được lên lịch.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="166"/>
        <source>Today, {date}</source>
        <translation>Hôm nay, {date}</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/gui/errors.py" line="40"/>
        <source>LoaXa</source>
        <translation>LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="57"/>
        <source>LoaXa: unexpected error</source>
        <translation>LoaXa: lỗi không mong muốn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="58"/>
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
        <location filename="../../desktop/gui/formatting.py" line="44"/>
        <source>planned</source>
        <translation>đã lên lịch</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="45"/>
        <source>on air</source>
        <translation>đang phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="46"/>
        <source>aired</source>
        <translation>đã phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="47"/>
        <source>partly aired</source>
        <translation>phát một phần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="48"/>
        <source>interrupted by a more urgent airing</source>
        <translation>bị ngắt để phát tin ưu tiên hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="49"/>
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="50"/>
        <source>cut off (engine stopped)</source>
        <translation>bị gián đoạn (bộ phát đã dừng)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="51"/>
        <source>not aired</source>
        <translation>không phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="52"/>
        <source>missed</source>
        <translation>bị lỡ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="53"/>
        <source>failed</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="54"/>
        <source>cancelled (holiday)</source>
        <translation>đã hủy (ngày lễ)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="55"/>
        <source>no record</source>
        <translation>không có nhật ký phát</translation>
    </message>
</context>
</TS>
