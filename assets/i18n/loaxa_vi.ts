<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>AbbreviationsDialog</name>
    <message>
        <location filename="../../desktop/gui/compose.py" line="329"/>
        <source>Abbreviations</source>
        <translation>Chữ viết tắt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="331"/>
        <source>Written</source>
        <translation>Viết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="331"/>
        <source>Said</source>
        <translation>Đọc là</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="338"/>
        <source>Add a row</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="339"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="340"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="347"/>
        <source>Built-in words (UBND, HĐND, BHYT…) need no row; a row here adds a word or changes how one is said.</source>
        <translation>Các từ có sẵn (UBND, HĐND, BHYT…) không cần thêm dòng; mỗi dòng ở đây thêm một từ hoặc đổi cách đọc một từ.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="156"/>
        <source>New account</source>
        <translation>Tài khoản mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="156"/>
        <source>Account {name}</source>
        <translation>Tài khoản {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="159"/>
        <source>e.g. chutich.xa</source>
        <translation>ví dụ: chutich.xa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="177"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="178"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="179"/>
        <source>Roles</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="181"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="182"/>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="183"/>
        <source>At least {n} characters, not containing the user name.</source>
        <translation>Ít nhất {n} ký tự, không chứa tên đăng nhập.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="185"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="186"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="198"/>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không giống nhau.</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96"/>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96"/>
        <source>Roles</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96"/>
        <source>One-time codes</source>
        <translation>Mã dùng một lần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="96"/>
        <source>Last sign-in</source>
        <translation>Đăng nhập lần cuối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="119"/>
        <source>Locked by an admin</source>
        <translation>Bị quản trị viên khóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="122"/>
        <source>Locked after failed sign-ins until {time}</source>
        <translation>Bị khóa do đăng nhập sai, đến {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="123"/>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="145"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="147"/>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="261"/>
        <location filename="../../desktop/gui/pages/accounts.py" line="307"/>
        <source>Add…</source>
        <translation>Thêm…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="262"/>
        <source>Roles and name…</source>
        <translation>Vai trò và họ tên…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="263"/>
        <source>New password…</source>
        <translation>Đặt mật khẩu mới…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="264"/>
        <source>Lock</source>
        <translation>Khóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="265"/>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="266"/>
        <source>One-time codes…</source>
        <translation>Mã dùng một lần…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="267"/>
        <source>Remove one-time codes</source>
        <translation>Bỏ mã dùng một lần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="268"/>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="283"/>
        <location filename="../../desktop/gui/pages/accounts.py" line="378"/>
        <location filename="../../desktop/gui/pages/accounts.py" line="482"/>
        <location filename="../../desktop/gui/pages/accounts.py" line="493"/>
        <source>Accounts</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="307"/>
        <source>Create the admin account…</source>
        <translation>Tạo tài khoản quản trị…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="312"/>
        <source>No accounts yet: nobody needs to sign in. Create the admin account: it can then add the commune&apos;s operators, approvers and technicians.</source>
        <translation>Chưa có tài khoản nên chưa ai phải đăng nhập. Hãy tạo tài khoản quản trị: tài khoản này sẽ thêm cán bộ vận hành, người duyệt và kỹ thuật viên của xã.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="316"/>
        <source>Each change is recorded in the audit trail in your name.</source>
        <translation>Mỗi thay đổi được ghi vào nhật ký thao tác dưới tên của bạn.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="320"/>
        <location filename="../../desktop/gui/pages/accounts.py" line="505"/>
        <source>Needs the role: {role}</source>
        <translation>Cần vai trò: {role}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="445"/>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không giống nhau.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="472"/>
        <source>Remove the one-time codes of {name}? They sign in with the password alone until codes are set up again.</source>
        <translation>Bỏ mã dùng một lần của {name}? Tài khoản này sẽ đăng nhập chỉ bằng mật khẩu cho đến khi thiết lập lại mã.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="478"/>
        <source>Remove the account {name}? It cannot sign in again; its name stays in the records.</source>
        <translation>Xóa tài khoản {name}? Tài khoản sẽ không đăng nhập được nữa; tên vẫn được giữ trong hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="512"/>
        <source>My one-time codes…</source>
        <translation>Mã dùng một lần của tôi…</translation>
    </message>
</context>
<context>
    <name>AreaDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="96"/>
        <source>Area</source>
        <translation>Địa bàn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="104"/>
        <source>(top level)</source>
        <translation>(cấp cao nhất)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="108"/>
        <source>inherit (e.g. 21:00-05:00, or none)</source>
        <translation>để trống để kế thừa cấp trên (ví dụ 21:00-05:00, hoặc none)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="109"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="110"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="111"/>
        <source>Level</source>
        <translation>Cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="112"/>
        <source>Parent</source>
        <translation>Địa bàn cấp trên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="113"/>
        <source>Quiet hours</source>
        <translation>Giờ không phát</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38"/>
        <source>When</source>
        <translation>Lúc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38"/>
        <source>Who</source>
        <translation>Ai</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38"/>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38"/>
        <source>Object</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38"/>
        <source>PC</source>
        <translation>Máy</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="38"/>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="60"/>
        <source>{name} (before accounts)</source>
        <translation>{name} (trước khi có tài khoản)</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="69"/>
        <source>User</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="71"/>
        <source>Action (e.g. item. or login)</source>
        <translation>Thao tác (ví dụ item. hoặc login)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="72"/>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="73"/>
        <source>Check the chain</source>
        <translation>Kiểm tra chuỗi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="85"/>
        <source>Audit trail</source>
        <translation>Nhật ký thao tác</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="103"/>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="108"/>
        <source>The chain holds: {n} rows checked.</source>
        <translation>Chuỗi nguyên vẹn: đã kiểm tra {n} dòng.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="110"/>
        <source>The chain breaks at row {row}: a row before it was deleted or inserted by hand.</source>
        <translation>Chuỗi bị đứt tại dòng {row}: một dòng trước nó đã bị xóa hoặc chèn bằng tay.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="112"/>
        <source>Rows were deleted from the end (row {row} and later).</source>
        <translation>Các dòng cuối đã bị xóa (từ dòng {row} trở đi).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/audit.py" line="114"/>
        <source>Row {row} was changed or inserted by hand.</source>
        <translation>Dòng {row} đã bị sửa hoặc chèn bằng tay.</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="97"/>
        <source>Backup and restore</source>
        <translation>Sao lưu và khôi phục</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="99"/>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="100"/>
        <source>Restore…</source>
        <translation>Khôi phục…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="103"/>
        <source>A backup holds the database, every audio file and the window settings; passwords only when you give a passphrase.</source>
        <translation>Bản sao lưu gồm cơ sở dữ liệu, mọi tệp âm thanh và thiết lập cửa sổ; mật khẩu chỉ có khi bạn đặt cụm mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="122"/>
        <source>Back up to</source>
        <translation>Sao lưu vào</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="122"/>
        <location filename="../../desktop/gui/backup_panel.py" line="160"/>
        <source>LoaXa backup (*.zip)</source>
        <translation>Bản sao lưu LoaXa (*.zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="127"/>
        <source>Passphrase for the passwords</source>
        <translation>Cụm mật khẩu cho các mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="129"/>
        <source>Endpoint passwords travel in the backup only encrypted with a passphrase. Give one (at least 8 characters), or leave it empty to leave them out.</source>
        <translation>Mật khẩu điểm phát chỉ được đưa vào bản sao lưu khi đã mã hóa bằng cụm mật khẩu. Hãy nhập một cụm (ít nhất 8 ký tự), hoặc để trống để bỏ chúng ra.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="147"/>
        <source>Backing up to {path}…</source>
        <translation>Đang sao lưu vào {path}…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="152"/>
        <source>passwords encrypted</source>
        <translation>mật khẩu đã mã hóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="152"/>
        <source>passwords left out</source>
        <translation>không kèm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="153"/>
        <source>Backed up: {files} files, {size} in {path}.</source>
        <translation>Đã sao lưu: {files} tệp, {size} vào {path}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="160"/>
        <source>Restore from</source>
        <translation>Khôi phục từ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="166"/>
        <source>Checking {path}…</source>
        <translation>Đang kiểm tra {path}…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="170"/>
        <source>unknown</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="172"/>
        <source>endpoint passwords, encrypted</source>
        <translation>mật khẩu điểm phát, đã mã hóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="173"/>
        <source>no endpoint passwords (enter them again after restoring)</source>
        <translation>không có mật khẩu điểm phát (nhập lại sau khi khôi phục)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="174"/>
        <source>no endpoint passwords</source>
        <translation>không có mật khẩu điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="177"/>
        <source>Backup made on {when}
Database ({database}, schema {revision}), {media} audio files, {size} in all; {secrets}.

Restoring replaces everything in this data folder (items, playlists, schedules, history). The engine is stopped while it happens and started again after.</source>
        <translation>Bản sao lưu tạo lúc {when}
Cơ sở dữ liệu ({database}, lược đồ {revision}), {media} tệp âm thanh, tổng cộng {size}; {secrets}.

Khôi phục sẽ thay toàn bộ dữ liệu trong thư mục này (bản tin, danh sách phát, lịch phát, lịch sử). Bộ phát được dừng trong lúc khôi phục và khởi động lại sau đó.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="187"/>
        <source>Restore this backup?</source>
        <translation>Khôi phục bản sao lưu này?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="194"/>
        <source>Nothing was restored.</source>
        <translation>Không khôi phục gì.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="199"/>
        <source>Passphrase</source>
        <translation>Cụm mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="199"/>
        <source>The passphrase of this backup&apos;s passwords (empty: restore without them).</source>
        <translation>Cụm mật khẩu của các mật khẩu trong bản sao lưu này (để trống: khôi phục không kèm mật khẩu).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="216"/>
        <source>Restoring {path}… (the engine is stopped meanwhile)</source>
        <translation>Đang khôi phục {path}… (bộ phát tạm dừng trong lúc này)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="222"/>
        <source>Restored. Every page shows the restored data.</source>
        <translation>Đã khôi phục. Mọi trang hiển thị dữ liệu đã khôi phục.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="222"/>
        <source>The engine is being started again.</source>
        <translation>Bộ phát đang được khởi động lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/backup_panel.py" line="245"/>
        <source>{done} of {total} files</source>
        <translation>{done}/{total} tệp</translation>
    </message>
</context>
<context>
    <name>BundlePage</name>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="102"/>
        <source>Import a content bundle</source>
        <translation>Nhập gói nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="105"/>
        <source>Bundles come from the province or the district: audio, playlists and schedules in one signed file. LoaXa checks everything before it changes anything, and imports all of it or nothing.</source>
        <translation>Gói nội dung do tỉnh hoặc huyện gửi về: âm thanh, danh sách phát và lịch phát trong một tệp có chữ ký. LoaXa kiểm tra tất cả trước khi thay đổi bất cứ điều gì, và nhập toàn bộ hoặc không nhập gì.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="115"/>
        <source>Choose a bundle file (.loaxa or .zip), or drop it here</source>
        <translation>Chọn tệp gói (.loaxa hoặc .zip), hoặc kéo thả vào đây</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="116"/>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="117"/>
        <source>Accept a bundle without a trusted signature (only if you know where it came from)</source>
        <translation>Chấp nhận gói không có chữ ký tin cậy (chỉ khi biết rõ nguồn gốc)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="129"/>
        <source>What changes</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="129"/>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="133"/>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="135"/>
        <source>Start over</source>
        <translation>Làm lại từ đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144"/>
        <source>Bundle</source>
        <translation>Gói</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144"/>
        <source>Revision</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144"/>
        <source>Issuer</source>
        <translation>Đơn vị phát hành</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144"/>
        <source>Signature</source>
        <translation>Chữ ký</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="144"/>
        <source>Imported</source>
        <translation>Ngày nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="165"/>
        <source>Bundles imported</source>
        <translation>Các gói đã nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="188"/>
        <source>1. Choose</source>
        <translation>1. Chọn tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="189"/>
        <source>2. Check</source>
        <translation>2. Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="190"/>
        <source>3. Preview</source>
        <translation>3. Xem trước</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="191"/>
        <source>4. Import</source>
        <translation>4. Nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="192"/>
        <source>5. Report</source>
        <translation>5. Báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="233"/>
        <source>Choose a content bundle</source>
        <translation>Chọn gói nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="233"/>
        <source>Content bundles (*.loaxa *.zip);;All files (*)</source>
        <translation>Gói nội dung (*.loaxa *.zip);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="253"/>
        <source>Checking the bundle: its format, every audio file and the signature…</source>
        <translation>Đang kiểm tra gói: định dạng, từng tệp âm thanh và chữ ký…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="271"/>
        <source>This bundle (revision {revision}) is already imported; importing it again would change nothing.</source>
        <translation>Gói này (phiên bản {revision}) đã được nhập; nhập lại cũng không thay đổi gì.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="292"/>
        <source>If you know where this file came from, tick “{option}”: it is checked again at once.</source>
        <translation>Nếu biết rõ nguồn gốc tệp này, hãy đánh dấu “{option}”: gói sẽ được kiểm tra lại ngay.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="294"/>
        <source>Ask the issuer for its public key file and trust it on the Settings page, then check the bundle again.</source>
        <translation>Hãy xin đơn vị phát hành tệp khóa công khai, thêm vào khóa tin cậy ở trang Cài đặt, rồi kiểm tra lại gói.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="295"/>
        <source>The bundle was refused; nothing was changed.</source>
        <translation>Gói bị từ chối; không có gì thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="309"/>
        <source>Importing…</source>
        <translation>Đang nhập…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="323"/>
        <source>Preparing the audio: {done}/{total}</source>
        <translation>Đang chuẩn bị âm thanh: {done}/{total}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="330"/>
        <source>Nothing changed.</source>
        <translation>Không có gì thay đổi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="332"/>
        <source>Imported. {n} items need attention (see below): they stay drafts until they are fixed.</source>
        <translation>Đã nhập. {n} bản tin cần xem lại (xem bên dưới): chúng ở trạng thái nháp cho đến khi được sửa.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="334"/>
        <source>Imported. The new schedules are in the broadcast calendar.</source>
        <translation>Đã nhập. Các lịch phát mới đã có trong lịch phát.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="353"/>
        <source>Signature verified: signed by {name}, a trusted key ({key}).</source>
        <translation>Chữ ký hợp lệ: do {name} ký, bằng khóa tin cậy ({key}).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="356"/>
        <source>Signed by key {key}, which is not trusted here: the signature cannot be checked. Import only if you know where the file came from.</source>
        <translation>Được ký bằng khóa {key}, khóa này chưa được tin cậy ở đây nên không kiểm tra được chữ ký. Chỉ nhập khi biết rõ nguồn gốc tệp.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="358"/>
        <source>Not signed: nothing proves who made this bundle. Import only if you know where the file came from.</source>
        <translation>Không có chữ ký: không có gì chứng minh ai đã làm gói này. Chỉ nhập khi biết rõ nguồn gốc tệp.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="363"/>
        <source>Bundle from {issuer}, revision {revision}, made {created}.</source>
        <translation>Gói của {issuer}, phiên bản {revision}, lập lúc {created}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="366"/>
        <source>{added} items added, {reused} already in the library, {playlists} playlists, {schedules} schedules, {skipped} skipped.</source>
        <translation>{added} bản tin mới, {reused} đã có trong thư viện, {playlists} danh sách phát, {schedules} lịch phát, {skipped} bị bỏ qua.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="373"/>
        <source>The import did this:</source>
        <translation>Kết quả nhập:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="373"/>
        <source>Importing would do this (nothing is changed yet):</source>
        <translation>Nếu nhập, sẽ có các thay đổi sau (chưa thay đổi gì):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="395"/>
        <source>{seconds} s</source>
        <translation>{seconds} giây</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="396"/>
        <source>New items</source>
        <translation>Bản tin mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="397"/>
        <source>Items updated</source>
        <translation>Bản tin được cập nhật</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="399"/>
        <source>Already in the library</source>
        <translation>Đã có trong thư viện</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="404"/>
        <source>New playlists</source>
        <translation>Danh sách phát mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="405"/>
        <source>Playlists replaced</source>
        <translation>Danh sách phát được thay thế</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="407"/>
        <source>New schedules</source>
        <translation>Lịch phát mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="411"/>
        <source>Approved by the issuer</source>
        <translation>Đã được đơn vị phát hành duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="415"/>
        <source>Schedules removed</source>
        <translation>Lịch phát bị xóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="416"/>
        <source>Playlists removed</source>
        <translation>Danh sách phát bị xóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="417"/>
        <source>Items retired</source>
        <translation>Bản tin ngừng sử dụng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="420"/>
        <source>Replaces revision {revision} (the as-run history is kept)</source>
        <translation>Thay thế phiên bản {revision} (nhật ký phát vẫn được giữ)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="421"/>
        <source>Skipped</source>
        <translation>Bị bỏ qua</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="422"/>
        <source>Needs attention</source>
        <translation>Cần xem lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="447"/>
        <source>in use</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="447"/>
        <source>replaced</source>
        <translation>đã được thay thế</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="453"/>
        <source>signed</source>
        <translation>có chữ ký</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/bundles.py" line="453"/>
        <source>not signed</source>
        <translation>không có chữ ký</translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <location filename="../../desktop/gui/compose.py" line="112"/>
        <source>Broadcast as emergency…</source>
        <translation>Phát khẩn cấp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="113"/>
        <source>Save the notice approved, at priority 1, then choose where it airs now</source>
        <translation>Lưu thông báo đã duyệt, mức ưu tiên 1, rồi chọn nơi phát ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="83"/>
        <source>Compose a notice</source>
        <translation>Soạn thông báo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="86"/>
        <source>e.g. Tiêm chủng tháng 3</source>
        <translation>ví dụ: Tiêm chủng tháng 3</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="88"/>
        <source>Type the notice as it is written: 15/3/2027, 7h30, UBND, 0912345678…</source>
        <translation>Gõ thông báo như khi viết: 15/3/2027, 7h30, UBND, 0912345678…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="96"/>
        <source> words/min</source>
        <translation> từ/phút</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="98"/>
        <source>Say it twice</source>
        <translation>Đọc hai lần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="103"/>
        <source> s between</source>
        <translation> giây nghỉ giữa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="104"/>
        <source>Approve now</source>
        <translation>Duyệt ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="107"/>
        <source>Abbreviations…</source>
        <translation>Chữ viết tắt…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="108"/>
        <source>Listen</source>
        <translation>Nghe thử</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="109"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="111"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="124"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="125"/>
        <source>Text</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="127"/>
        <source>Will be read as</source>
        <translation>Sẽ được đọc là</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="128"/>
        <source>Voice</source>
        <translation>Giọng đọc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="129"/>
        <source>Jingle before and after</source>
        <translation>Nhạc hiệu đầu và cuối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="168"/>
        <source>Piper (voice model of the settings)</source>
        <translation>Piper (mô hình giọng trong cài đặt)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="174"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="184"/>
        <source>{n} / {limit} characters</source>
        <translation>{n} / {limit} ký tự</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="247"/>
        <source>Preview: {s} s. Playing…</source>
        <translation>Nghe thử: {s} giây. Đang phát…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="251"/>
        <location filename="../../desktop/gui/compose.py" line="301"/>
        <source>Making the audio…</source>
        <translation>Đang tạo âm thanh…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="283"/>
        <source>operator</source>
        <translation>cán bộ vận hành</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="295"/>
        <source>Saved as item {id}.</source>
        <translation>Đã lưu thành bản tin {id}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="406"/>
        <source>Notice saved as item {id}.</source>
        <translation>Đã lưu thông báo thành bản tin {id}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="418"/>
        <source>Compose a notice…</source>
        <translation>Soạn thông báo…</translation>
    </message>
</context>
<context>
    <name>ComposerDialog</name>
    <message>
        <location filename="../../desktop/gui/compose.py" line="431"/>
        <source>Assemble a bulletin…</source>
        <translation>Dựng bản tin…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="435"/>
        <source>Jingle, parts, repeats; with a composed item chosen, it opens that bulletin&apos;s recipe</source>
        <translation>Nhạc hiệu, các phần, số lần đọc; khi đang chọn một bản tin đã dựng, mở công thức của bản tin đó</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="498"/>
        <source>Assemble a bulletin</source>
        <translation>Dựng bản tin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="505"/>
        <source>Add item</source>
        <translation>Thêm bản tin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="506"/>
        <source>Add file…</source>
        <translation>Thêm tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="508"/>
        <source>Text to read aloud</source>
        <translation>Văn bản cần đọc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="509"/>
        <source>Add text</source>
        <translation>Thêm lời đọc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="514"/>
        <source>Add silence</source>
        <translation>Thêm khoảng lặng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="515"/>
        <source>Up</source>
        <translation>Lên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="516"/>
        <source>Down</source>
        <translation>Xuống</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="517"/>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="527"/>
        <source> s between</source>
        <translation> giây nghỉ giữa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="536"/>
        <source>Listen</source>
        <translation>Nghe thử</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="537"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="538"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="552"/>
        <source>Gain of the chosen part</source>
        <translation>Khuếch đại phần chọn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="558"/>
        <source>Crossfade</source>
        <translation>Chồng tiếng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="562"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="563"/>
        <source>Intro</source>
        <translation>Nhạc hiệu mở đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="564"/>
        <source>Parts</source>
        <translation>Các phần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="568"/>
        <source>Outro</source>
        <translation>Nhạc hiệu kết thúc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="569"/>
        <source>Said</source>
        <translation>Số lần đọc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="614"/>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="657"/>
        <source>Choose an audio file</source>
        <translation>Chọn tệp âm thanh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="740"/>
        <source>{s} s</source>
        <translation>{s} giây</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="752"/>
        <location filename="../../desktop/gui/compose.py" line="777"/>
        <source>Making the audio…</source>
        <translation>Đang tạo âm thanh…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/compose.py" line="773"/>
        <source>Saved as item {id}.</source>
        <translation>Đã lưu thành bản tin {id}.</translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="63"/>
        <location filename="../../desktop/gui/emergency.py" line="277"/>
        <source>Emergency broadcast</source>
        <translation>Phát khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="65"/>
        <source>An approved item</source>
        <translation>Bản tin đã duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="66"/>
        <source>An audio file</source>
        <translation>Tệp âm thanh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="70"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="71"/>
        <location filename="../../desktop/gui/emergency.py" line="219"/>
        <source>Record…</source>
        <translation>Ghi âm…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="72"/>
        <source>Record the announcement from this PC&apos;s microphone</source>
        <translation>Ghi âm bản tin từ micrô của máy tính này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="84"/>
        <source>Every endpoint</source>
        <translation>Tất cả điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="85"/>
        <source>An area</source>
        <translation>Một địa bàn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="86"/>
        <source>Chosen endpoints</source>
        <translation>Các điểm phát được chọn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="98"/>
        <source>BROADCAST NOW</source>
        <translation>PHÁT NGAY</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="100"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="145"/>
        <source>Emergency audio</source>
        <translation>Âm thanh khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="145"/>
        <source>Audio (*.mp3 *.wav *.m4a *.ogg *.amr *.wma *.flac);;All files (*)</source>
        <translation>Âm thanh (*.mp3 *.wav *.m4a *.ogg *.amr *.wma *.flac);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="169"/>
        <source>Could not record: {error}</source>
        <translation>Không ghi âm được: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="178"/>
        <source>Stop recording</source>
        <translation>Dừng ghi âm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="205"/>
        <source>● Recording… {s} s (press Stop recording to finish)</source>
        <translation>● Đang ghi âm… {s} giây (bấm Dừng ghi âm để kết thúc)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="224"/>
        <source>Recorded {s} s: it will air as the file above.</source>
        <translation>Đã ghi âm {s} giây: bản ghi sẽ được phát như tệp ở trên.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="227"/>
        <source>no sound came from the microphone</source>
        <translation>micrô không thu được âm thanh nào</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="228"/>
        <source>Could not record from the microphone: {error}</source>
        <translation>Không ghi âm được từ micrô: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="254"/>
        <source>It will air at once on {n} endpoints: {names}.</source>
        <translation>Sẽ phát ngay tại {n} điểm phát: {names}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="256"/>
        <source>It interrupts what is on air now:</source>
        <translation>Sẽ ngắt nội dung đang phát:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="258"/>
        <source>The interrupted programmes resume afterwards as their schedules say.</source>
        <translation>Sau đó, các chương trình bị ngắt sẽ được phát tiếp theo thiết lập của lịch phát.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="260"/>
        <source>Nothing is on air on these endpoints now.</source>
        <translation>Hiện không có gì đang phát tại các điểm phát này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="262"/>
        <source>Warning: the engine is not running; start it first or nothing will air.</source>
        <translation>Cảnh báo: bộ phát chưa chạy; hãy khởi động bộ phát trước, nếu không sẽ không có gì được phát.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="270"/>
        <source>Confirm the emergency broadcast</source>
        <translation>Xác nhận phát khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="270"/>
        <source>Broadcast now?</source>
        <translation>Phát ngay?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="277"/>
        <source>Choose at least one target.</source>
        <translation>Hãy chọn ít nhất một nơi phát.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/emergency.py" line="279"/>
        <source>the operator</source>
        <translation>người vận hành</translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="60"/>
        <source>Endpoint</source>
        <translation>Điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="75"/>
        <source>unchanged</source>
        <translation>không đổi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="81"/>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="82"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="83"/>
        <source>Area</source>
        <translation>Địa bàn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="85"/>
        <source>Source password</source>
        <translation>Mật khẩu nguồn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="86"/>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
</context>
<context>
    <name>EndpointsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129"/>
        <source>Area / endpoint</source>
        <translation>Địa bàn / điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129"/>
        <source>Last seen</source>
        <translation>Kết nối gần nhất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129"/>
        <source>Last airing</source>
        <translation>Lượt phát gần nhất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="129"/>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="131"/>
        <source>Add area…</source>
        <translation>Thêm địa bàn…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="132"/>
        <source>Add endpoint…</source>
        <translation>Thêm điểm phát…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="133"/>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="134"/>
        <source>Test</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="172"/>
        <source>disabled</source>
        <translation>đã tắt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="256"/>
        <source>Testing {code}…</source>
        <translation>Đang kiểm tra {code}…</translation>
    </message>
</context>
<context>
    <name>HttnPanel</name>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="109"/>
        <source>Province source information system (HTTTN)</source>
        <translation>Hệ thống thông tin nguồn của tỉnh (HTTTN)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="116"/>
        <source>the source id the province gave (NguonId)</source>
        <translation>mã nguồn tỉnh cấp (NguonId)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="123"/>
        <source>none: the system&apos;s certificates</source>
        <translation>không có: dùng chứng thư của hệ thống</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="124"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="126"/>
        <source>area codes, the commune&apos;s own first (e.g. 694)</source>
        <translation>mã địa bàn, mã của xã đứng đầu (ví dụ 694)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="127"/>
        <source>Province bulletins of priority 1 arrive approved</source>
        <translation>Bản tin khẩn cấp (mức 1) của tỉnh về là đã duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="128"/>
        <source>Test the connection</source>
        <translation>Thử kết nối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="129"/>
        <source>Save and connect</source>
        <translation>Lưu và kết nối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="130"/>
        <source>Send refused messages again</source>
        <translation>Gửi lại các tin bị từ chối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="142"/>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="143"/>
        <source>Source id (NguonId)</source>
        <translation>Mã nguồn (NguonId)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="144"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="145"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="147"/>
        <source>Certificate authority (PEM)</source>
        <translation>Chứng thư gốc (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="148"/>
        <source>Areas (DiaBan)</source>
        <translation>Địa bàn (DiaBan)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="151"/>
        <source>Messages</source>
        <translation>Tin gửi lên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="173"/>
        <source>Not connected to a province server.</source>
        <translation>Chưa kết nối với máy chủ của tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="176"/>
        <source>the system keyring</source>
        <translation>kho khóa của hệ thống</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="176"/>
        <source>an owner-only file in the data folder</source>
        <translation>một tệp chỉ chủ sở hữu đọc được trong thư mục dữ liệu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="177"/>
        <source>The password of {user} is kept in {where}; it is never shown.</source>
        <translation>Mật khẩu của {user} được giữ trong {where}; không bao giờ hiển thị.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="178"/>
        <source>leave empty to keep the kept password</source>
        <translation>để trống để giữ mật khẩu đã lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="180"/>
        <source>{waiting} waiting, {sent} sent, {refused} refused by the province.</source>
        <translation>{waiting} tin chờ gửi, {sent} tin đã gửi, {refused} tin bị tỉnh từ chối.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="207"/>
        <source>The province&apos;s certificate authority (PEM)</source>
        <translation>Chứng thư gốc của tỉnh (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="217"/>
        <source>Connecting to the province server…</source>
        <translation>Đang kết nối với máy chủ của tỉnh…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="241"/>
        <source>Connected: {url} accepted the login.</source>
        <translation>Đã kết nối: {url} chấp nhận đăng nhập.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="259"/>
        <source>Cannot reach the province server: {error}</source>
        <translation>Không kết nối được máy chủ của tỉnh: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="268"/>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="284"/>
        <source>Saved; {n} messages queued for the province.</source>
        <translation>Đã lưu; {n} tin đang chờ gửi lên tỉnh.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/httn_panel.py" line="294"/>
        <source>{n} refused messages queued to be sent again.</source>
        <translation>{n} tin bị từ chối đã được xếp để gửi lại.</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="38"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="39"/>
        <source>Length</source>
        <translation>Thời lượng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="40"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="41"/>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="42"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="43"/>
        <source>Valid until</source>
        <translation>Hiệu lực đến</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/model.py" line="44"/>
        <source>Loudness (LUFS)</source>
        <translation>Độ to (LUFS)</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="28"/>
        <source>Search (accents optional)…</source>
        <translation>Tìm (gõ có dấu hoặc không dấu)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="31"/>
        <source>All fields</source>
        <translation>Mọi lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="35"/>
        <source>All priorities</source>
        <translation>Mọi mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="39"/>
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="43"/>
        <source>All languages</source>
        <translation>Mọi ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="44"/>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="44"/>
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/listing.py" line="46"/>
        <source>Valid today</source>
        <translation>Còn hiệu lực hôm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="31"/>
        <source>Import files…</source>
        <translation>Nhập tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="32"/>
        <source>Import folder…</source>
        <translation>Nhập thư mục…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="35"/>
        <location filename="../../desktop/gui/pages/library/approval.py" line="83"/>
        <source>Approve</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="36"/>
        <source>Reject…</source>
        <translation>Từ chối…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="37"/>
        <location filename="../../desktop/gui/pages/library/approval.py" line="111"/>
        <source>Retire</source>
        <translation>Ngừng sử dụng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="38"/>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="40"/>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="42"/>
        <source>Use this retired item again: approved again if it had been approved, else a draft to approve</source>
        <translation>Dùng lại bản tin đã ngừng dùng này: được duyệt lại nếu trước đó đã duyệt, nếu không thì thành bản nháp chờ duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="40"/>
        <source>Cancel import</source>
        <translation>Hủy nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="33"/>
        <location filename="../../desktop/gui/pages/library/details.py" line="121"/>
        <source>Play</source>
        <translation>Nghe thử</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/__init__.py" line="80"/>
        <source>Drop audio files or folders here to import them.</source>
        <translation>Kéo thả tệp âm thanh hoặc thư mục vào đây để nhập.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/__init__.py" line="165"/>
        <source>{name}: item {id} holding this audio is retired; select it and press Restore to use it again.</source>
        <translation>{name}: bản tin {id} chứa âm thanh này đã ngừng dùng; hãy chọn bản tin đó và bấm Khôi phục để dùng lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="52"/>
        <source>State: {state}</source>
        <translation>Trạng thái: {state}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="54"/>
        <source>Length: {s} s</source>
        <translation>Thời lượng: {s} giây</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="55"/>
        <source>Loudness of the source: {lufs} LUFS, true peak {tp} dBTP, range {lra} LU</source>
        <translation>Độ to của tệp gốc: {lufs} LUFS, đỉnh thực {tp} dBTP, dải động {lra} LU</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="61"/>
        <source>Rendition {format}: {lufs} LUFS, {tp} dBTP</source>
        <translation>Bản chuyển đổi {format}: {lufs} LUFS, {tp} dBTP</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="66"/>
        <source>Rejected: {reason}</source>
        <translation>Bị từ chối: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="60"/>
        <source>Import audio files</source>
        <translation>Nhập tệp âm thanh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="62"/>
        <source>Audio (*.mp3 *.wav *.m4a *.aac *.ogg *.opus *.flac *.amr *.wma);;All files (*)</source>
        <translation>Âm thanh (*.mp3 *.wav *.m4a *.aac *.ogg *.opus *.flac *.amr *.wma);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/importing.py" line="68"/>
        <source>Import a folder</source>
        <translation>Nhập một thư mục</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="83"/>
        <source>Who approves? (name)</source>
        <translation>Ai duyệt? (ghi tên)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="97"/>
        <source>Reject</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="97"/>
        <source>Why is it rejected?</source>
        <translation>Lý do từ chối?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/approval.py" line="111"/>
        <source>Retire this item? It will no longer air.</source>
        <translation>Ngừng sử dụng bản tin này? Bản tin sẽ không được phát nữa.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/details.py" line="119"/>
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
</context>
<context>
    <name>LiveDialog</name>
    <message>
        <location filename="../../desktop/gui/live.py" line="114"/>
        <source>Live broadcast</source>
        <translation>Phát trực tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="116"/>
        <source>● ON AIR LIVE</source>
        <translation>● ĐANG PHÁT TRỰC TIẾP</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="120"/>
        <source>Microphone</source>
        <translation>Micrô</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="121"/>
        <source>An audio file (test)</source>
        <translation>Một tệp âm thanh (thử)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="125"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="131"/>
        <source>1 – emergency: cuts in at once</source>
        <translation>1 – khẩn cấp: chen ngang ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="132"/>
        <source>2 – priority</source>
        <translation>2 – ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="136"/>
        <source>%v LUFS</source>
        <translation>%v LUFS</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="137"/>
        <source>Test the microphone</source>
        <translation>Thử micrô</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="138"/>
        <source>Listen for 3 seconds and show the level, without going on air</source>
        <translation>Nghe 3 giây và hiện mức âm, không lên sóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="145"/>
        <source>GO LIVE</source>
        <translation>PHÁT TRỰC TIẾP</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="147"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="149"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="153"/>
        <source>Targets</source>
        <translation>Nơi phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="154"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="158"/>
        <source>Level</source>
        <translation>Mức âm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="182"/>
        <source>The system&apos;s microphone</source>
        <translation>Micrô mặc định của hệ thống</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="192"/>
        <source>It stops by itself after {m} minutes.</source>
        <translation>Tự dừng sau {m} phút.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="196"/>
        <source>Audio file</source>
        <translation>Tệp âm thanh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="196"/>
        <source>Audio (*.mp3 *.wav *.m4a *.ogg *.flac);;All files (*)</source>
        <translation>Âm thanh (*.mp3 *.wav *.m4a *.ogg *.flac);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="233"/>
        <source>Listening to the microphone…</source>
        <translation>Đang nghe micrô…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="259"/>
        <source>The microphone hears sound (peak {lufs} LUFS).</source>
        <translation>Micrô nghe được tiếng (đỉnh {lufs} LUFS).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="261"/>
        <source>No sound from the microphone: check that it is plugged in and not muted.</source>
        <translation>Micrô không có tiếng: hãy kiểm tra micrô đã cắm và không bị tắt tiếng.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="277"/>
        <source>Choose at least one target.</source>
        <translation>Hãy chọn ít nhất một nơi phát.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="218"/>
        <location filename="../../desktop/gui/live.py" line="281"/>
        <source>Choose an audio file that exists.</source>
        <translation>Hãy chọn một tệp âm thanh có thật.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="285"/>
        <location filename="../../desktop/gui/live.py" line="314"/>
        <source>the operator</source>
        <translation>người vận hành</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="296"/>
        <source>Opening the microphone…</source>
        <translation>Đang mở micrô…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="316"/>
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="351"/>
        <source>the engine did not take the command</source>
        <translation>bộ phát không nhận lệnh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="353"/>
        <source>Not on air: {why}</source>
        <translation>Chưa phát: {why}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="363"/>
        <source>On air live on: {names}</source>
        <translation>Đang phát trực tiếp trên: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="376"/>
        <source>The live broadcast ended after {s} s.</source>
        <translation>Phát trực tiếp đã kết thúc sau {s} giây.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/live.py" line="378"/>
        <source>The recording is kept as item {id} (a draft).</source>
        <translation>Bản ghi được lưu thành bản tin {id} (bản nháp).</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <location filename="../../desktop/gui/login.py" line="54"/>
        <source>operator</source>
        <translation>cán bộ vận hành</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="55"/>
        <source>approver</source>
        <translation>người duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="56"/>
        <source>technician</source>
        <translation>kỹ thuật viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="57"/>
        <source>admin</source>
        <translation>quản trị viên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="76"/>
        <source>Sign in to LoaXa</source>
        <translation>Đăng nhập LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="85"/>
        <source>only if your account has one</source>
        <translation>chỉ khi tài khoản của bạn có mã</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="87"/>
        <source>The window was locked after a while without use. Sign in again.</source>
        <translation>Cửa sổ đã khóa vì lâu không thao tác. Hãy đăng nhập lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="90"/>
        <location filename="../../desktop/gui/login.py" line="165"/>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="91"/>
        <location filename="../../desktop/gui/login.py" line="166"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="92"/>
        <source>One-time code</source>
        <translation>Mã dùng một lần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="94"/>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="121"/>
        <location filename="../../desktop/gui/login.py" line="340"/>
        <source>Type the current code of your authenticator app (a used code is refused).</source>
        <translation>Hãy gõ mã hiện tại trong ứng dụng xác thực (mã đã dùng bị từ chối).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="150"/>
        <source>Create the admin account</source>
        <translation>Tạo tài khoản quản trị</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="158"/>
        <source>Nobody needs to sign in until an admin account exists. Make it now: it can then add the commune&apos;s operators, approvers and technicians.</source>
        <translation>Chưa có tài khoản quản trị nên chưa ai phải đăng nhập. Hãy tạo ngay: tài khoản này sẽ thêm cán bộ vận hành, người duyệt và kỹ thuật viên của xã.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="167"/>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="169"/>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="170"/>
        <source>Later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="183"/>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không giống nhau.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="259"/>
        <source>No accounts yet (before accounts)</source>
        <translation>Chưa có tài khoản (trước khi có tài khoản)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="307"/>
        <source>Signed in: {name} ({roles})</source>
        <translation>Đang đăng nhập: {name} ({roles})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="324"/>
        <location filename="../../desktop/gui/login.py" line="368"/>
        <source>Needs the role: {role}</source>
        <translation>Cần vai trò: {role}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="323"/>
        <location filename="../../desktop/gui/login.py" line="331"/>
        <location filename="../../desktop/gui/login.py" line="339"/>
        <source>Emergency broadcast</source>
        <translation>Phát khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/login.py" line="332"/>
        <source>One-time code of your authenticator app:</source>
        <translation>Mã dùng một lần trong ứng dụng xác thực:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="79"/>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="61"/>
        <source>LoaXa: commune loudspeaker broadcasting</source>
        <translation>LoaXa: phát thanh loa truyền thanh cơ sở</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="71"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="72"/>
        <source>Library</source>
        <translation>Thư viện</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="73"/>
        <source>Playlists</source>
        <translation>Danh sách phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="74"/>
        <source>Schedule</source>
        <translation>Lịch phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="75"/>
        <source>Endpoints</source>
        <translation>Điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="76"/>
        <source>As-run log</source>
        <translation>Nhật ký phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="77"/>
        <source>Import bundle</source>
        <translation>Nhập gói</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="78"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="80"/>
        <source>Audit trail</source>
        <translation>Nhật ký thao tác</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="96"/>
        <source>Opening the data…</source>
        <translation>Đang mở dữ liệu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="139"/>
        <source>The data could not be opened.</source>
        <translation>Không mở được dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="155"/>
        <source>Lost the connection to the database server; retrying…</source>
        <translation>Mất kết nối máy chủ cơ sở dữ liệu; đang thử lại…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="202"/>
        <source>Ready.</source>
        <translation>Sẵn sàng.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="244"/>
        <source>Areas created: {province} and {n} communes and wards.</source>
        <translation>Đã tạo địa bàn: {province} và {n} xã, phường.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="352"/>
        <source>Airing {outcome}</source>
        <translation>Lượt phát {outcome}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="355"/>
        <source>Endpoint offline</source>
        <translation>Điểm phát mất kết nối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="355"/>
        <source>{name} cannot be reached.</source>
        <translation>Không kết nối được {name}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="376"/>
        <source>Open LoaXa</source>
        <translation>Mở LoaXa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="378"/>
        <source>Emergency broadcast…</source>
        <translation>Phát khẩn cấp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="385"/>
        <source>Quit (the engine keeps broadcasting)</source>
        <translation>Thoát (bộ phát vẫn tiếp tục phát)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="429"/>
        <source>Engine running (since {since})</source>
        <translation>Bộ phát đang chạy (từ {since})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="431"/>
        <source>Engine running on {pc} (since {since})</source>
        <translation>Bộ phát đang chạy trên máy {pc} (từ {since})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="434"/>
        <source>busy: it answered {ms} ms late</source>
        <translation>đang quá tải: phản hồi trễ {ms} ms</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="436"/>
        <source>Engine not answering (last heartbeat {s} s ago): restart it if this lasts</source>
        <translation>Bộ phát không phản hồi (báo hiệu cuối cách đây {s} giây): hãy khởi động lại nếu kéo dài</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="438"/>
        <source>Engine not running: nothing will air</source>
        <translation>Bộ phát chưa chạy: sẽ không có gì được phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="440"/>
        <source>standby (dự phòng) on {pc} ready to take over</source>
        <translation>bộ phát dự phòng trên máy {pc} sẵn sàng thay thế</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="444"/>
        <source>Engine stopped</source>
        <translation>Bộ phát đã dừng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="453"/>
        <source>Engine state unknown: {error}</source>
        <translation>Không rõ trạng thái bộ phát: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="459"/>
        <source>Starting the engine…</source>
        <translation>Đang khởi động bộ phát…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="465"/>
        <source>Stop the engine</source>
        <translation>Dừng bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="465"/>
        <source>Stop the engine? Nothing will air until it is started again.</source>
        <translation>Dừng bộ phát? Sẽ không có gì được phát cho đến khi khởi động lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="474"/>
        <source>Stopping the engine…</source>
        <translation>Đang dừng bộ phát…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="486"/>
        <source>Emergency broadcast sent to the engine.</source>
        <translation>Đã gửi lệnh phát khẩn cấp tới bộ phát.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="495"/>
        <source>On air live.</source>
        <translation>Đang phát trực tiếp.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="504"/>
        <source>Stop what is on air on: {codes}?</source>
        <translation>Dừng nội dung đang phát tại: {codes}?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="505"/>
        <source>Stop broadcasting</source>
        <translation>Dừng phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/mainwindow.py" line="537"/>
        <source>LoaXa is still running here; the engine keeps broadcasting.</source>
        <translation>LoaXa vẫn đang chạy ở đây; bộ phát vẫn tiếp tục phát.</translation>
    </message>
</context>
<context>
    <name>MetaDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="23"/>
        <source>Edit item</source>
        <translation>Sửa bản tin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="38"/>
        <source>Valid from</source>
        <translation>Hiệu lực từ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="40"/>
        <source>Valid until</source>
        <translation>Hiệu lực đến</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="50"/>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="51"/>
        <source>Summary</source>
        <translation>Tóm tắt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="52"/>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="53"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="54"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="55"/>
        <source>Author</source>
        <translation>Tác giả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/meta_dialog.py" line="56"/>
        <source>Source</source>
        <translation>Nguồn tin</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="214"/>
        <source>New password for {name}</source>
        <translation>Mật khẩu mới cho {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="219"/>
        <source>At least {n} characters, not containing the user name.</source>
        <translation>Ít nhất {n} ký tự, không chứa tên đăng nhập.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="222"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="223"/>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="225"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/accounts.py" line="226"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>PlaylistsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="105"/>
        <source>New playlist…</source>
        <translation>Danh sách phát mới…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="106"/>
        <source>Rename…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="109"/>
        <location filename="../../desktop/gui/pages/playlists.py" line="283"/>
        <source>Playlists</source>
        <translation>Danh sách phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="119"/>
        <source>Remove from playlist</source>
        <translation>Bỏ khỏi danh sách phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="120"/>
        <source>Move up</source>
        <translation>Chuyển lên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="121"/>
        <source>Move down</source>
        <translation>Chuyển xuống</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="134"/>
        <source>Search approved items…</source>
        <translation>Tìm bản tin đã duyệt…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="143"/>
        <source>← Add to playlist</source>
        <translation>← Thêm vào danh sách phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="223"/>
        <source>Relay: {url}</source>
        <translation>Tiếp sóng: {url}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="227"/>
        <source>Total length: {d}</source>
        <translation>Tổng thời lượng: {d}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="229"/>
        <source>No problems in the next 7 days.</source>
        <translation>Không có vấn đề nào trong 7 ngày tới.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="235"/>
        <source>New playlist</source>
        <translation>Danh sách phát mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="235"/>
        <location filename="../../desktop/gui/pages/playlists.py" line="249"/>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="249"/>
        <source>Rename</source>
        <translation>Đổi tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/playlists.py" line="283"/>
        <source>Create or choose a playlist first.</source>
        <translation>Hãy tạo hoặc chọn một danh sách phát trước.</translation>
    </message>
</context>
<context>
    <name>ProvincePicker</name>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="65"/>
        <source>Your province and commune</source>
        <translation>Tỉnh và xã của bạn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="69"/>
        <source>Choose the province and your commune or ward from the official list (after 1 July 2025). LoaXa creates the province and its communes with their official codes; you add villages beneath your commune later.</source>
        <translation>Chọn tỉnh và xã/phường của bạn trong danh mục chính thức (sau ngày 1/7/2025). LoaXa tạo tỉnh và các xã của tỉnh với mã chính thức; các thôn dưới xã bạn thêm sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="74"/>
        <source>Search a province, e.g. tuyen quang</source>
        <translation>Tìm tỉnh, ví dụ tuyen quang</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="77"/>
        <source>Search a commune or ward, e.g. ha giang 1</source>
        <translation>Tìm xã hoặc phường, ví dụ ha giang 1</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="81"/>
        <source>Create these areas</source>
        <translation>Tạo các địa bàn này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="84"/>
        <source>Later (I will add areas myself)</source>
        <translation>Để sau (tôi tự thêm địa bàn)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="86"/>
        <source>Province or city</source>
        <translation>Tỉnh hoặc thành phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="90"/>
        <source>Your commune or ward</source>
        <translation>Xã hoặc phường của bạn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="171"/>
        <source>{province}: {n} communes and wards will be created.</source>
        <translation>{province}: sẽ tạo {n} xã, phường.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="173"/>
        <source>Your commune: {commune}.</source>
        <translation>Xã của bạn: {commune}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/area_picker.py" line="181"/>
        <source>Creating the areas…</source>
        <translation>Đang tạo địa bàn…</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="62"/>
        <source>Endpoint</source>
        <translation>Điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="63"/>
        <source>Programme</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="64"/>
        <source>Planned</source>
        <translation>Dự kiến</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="65"/>
        <source>Actual</source>
        <translation>Thực tế</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="66"/>
        <source>Delay</source>
        <translation>Độ trễ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="67"/>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="68"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="69"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="70"/>
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="71"/>
        <source>Heard by a listener</source>
        <translation>Người nghe nhận được</translation>
    </message>
</context>
<context>
    <name>RunsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="236"/>
        <source>Endpoint code</source>
        <translation>Mã điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="238"/>
        <source>All outcomes</source>
        <translation>Mọi kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="242"/>
        <source>All fields</source>
        <translation>Mọi lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="246"/>
        <source>All priorities</source>
        <translation>Mọi mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="249"/>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="252"/>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="254"/>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="309"/>
        <source>{n} records</source>
        <translation>{n} bản ghi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="317"/>
        <source>Export the as-run log</source>
        <translation>Xuất nhật ký phát</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="216"/>
        <source>endpoint or area codes, comma separated</source>
        <translation>mã điểm phát hoặc địa bàn, cách nhau bằng dấu phẩy</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="219"/>
        <source>Every day</source>
        <translation>Hằng ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="220"/>
        <source>Chosen weekdays</source>
        <translation>Các thứ được chọn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="221"/>
        <source>Monthly</source>
        <translation>Hằng tháng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="222"/>
        <source>Once</source>
        <translation>Một lần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="223"/>
        <source>Lunar calendar</source>
        <translation>Theo âm lịch</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="229"/>
        <source>1,15: the 1st (mùng 1) and the full moon (rằm) of every lunar month; 10/3: the 10th day of the 3rd lunar month every year</source>
        <translation>1,15: mùng 1 và rằm hằng tháng âm lịch; 10/3: ngày 10 tháng 3 âm lịch hằng năm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="240"/>
        <source>day {n}</source>
        <translation>ngày {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="242"/>
        <source>first</source>
        <translation>Tuần đầu:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="243"/>
        <source>second</source>
        <translation>Tuần thứ 2:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="244"/>
        <source>third</source>
        <translation>Tuần thứ 3:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="245"/>
        <source>fourth</source>
        <translation>Tuần thứ 4:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="246"/>
        <source>last</source>
        <translation>Tuần cuối:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="255"/>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="257"/>
        <source>Until</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="264"/>
        <source>From the items</source>
        <translation>Theo các bản tin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="269"/>
        <source>Wait for the running airing (next)</source>
        <translation>Chờ lượt phát đang chạy kết thúc (next)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="270"/>
        <source>Interrupt it (cut)</source>
        <translation>Ngắt lượt phát đó (cut)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="271"/>
        <source>Wait at most… (wait)</source>
        <translation>Chờ tối đa… (wait)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="279"/>
        <source>Resume where cut</source>
        <translation>Phát tiếp từ chỗ bị ngắt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="279"/>
        <source>Restart from the beginning</source>
        <translation>Phát lại từ đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="279"/>
        <source>Drop the rest</source>
        <translation>Bỏ phần còn lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="287"/>
        <source>reason, to air inside quiet hours</source>
        <translation>lý do, nếu cần phát trong giờ không phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="289"/>
        <source>none (15 or 14:30)</source>
        <translation>không có (15 hoặc 14:30)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="290"/>
        <source>The slot&apos;s length: the week view shows how much the programme runs over or under it</source>
        <translation>Độ dài khung giờ: lịch tuần cho biết chương trình dài hơn hay ngắn hơn khung bao nhiêu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="291"/>
        <source>Playlist</source>
        <translation>Danh sách phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="292"/>
        <source>Targets</source>
        <translation>Nơi phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="293"/>
        <source>Repeats</source>
        <translation>Lặp lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="295"/>
        <source>Times</source>
        <translation>Giờ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="298"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="302"/>
        <source>On overlap</source>
        <translation>Khi trùng giờ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="303"/>
        <source>When interrupted</source>
        <translation>Khi bị ngắt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="306"/>
        <source>times, gap</source>
        <translation>lần, cách nhau</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="308"/>
        <source>Play</source>
        <translation>Phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="309"/>
        <source>Quiet hours override</source>
        <translation>Phát trong giờ không phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="310"/>
        <source>Slot length</source>
        <translation>Độ dài khung giờ</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="427"/>
        <source>Endpoint or area</source>
        <translation>Điểm phát hoặc địa bàn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="432"/>
        <source>Weekly programme (PDF)…</source>
        <translation>Lịch phát sóng tuần (PDF)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="433"/>
        <source>The week shown, as the programme to sign (lịch phát sóng tuần, A4)</source>
        <translation>Tuần đang xem, thành lịch phát sóng tuần để ký (khổ A4)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="438"/>
        <source>New schedule</source>
        <translation>Lịch phát mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="439"/>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="440"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="446"/>
        <source>What the planner sees:</source>
        <translation>Kết quả kiểm tra lịch phát:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="522"/>
        <source>No problems.</source>
        <translation>Không có vấn đề nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="528"/>
        <source>New schedule: fill in the form, check the problems, then save.</source>
        <translation>Lịch phát mới: điền thông tin, xem các vấn đề được báo, rồi lưu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="542"/>
        <source>Editing schedule {id}.</source>
        <translation>Đang sửa lịch phát số {id}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="560"/>
        <source>Schedule {id} saved.</source>
        <translation>Đã lưu lịch phát số {id}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="573"/>
        <source>Schedule {id} deleted.</source>
        <translation>Đã xóa lịch phát số {id}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="579"/>
        <source>Save the weekly programme</source>
        <translation>Lưu lịch phát sóng tuần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="579"/>
        <source>PDF document (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="592"/>
        <source>Writing the weekly programme…</source>
        <translation>Đang ghi lịch phát sóng tuần…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/schedule.py" line="600"/>
        <source>Weekly programme written: {path} ({n} airings).</source>
        <translation>Đã ghi lịch phát sóng tuần: {path} ({n} lượt phát).</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="53"/>
        <source>General</source>
        <translation>Chung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="59"/>
        <source>Start the engine with the application</source>
        <translation>Khởi động bộ phát cùng ứng dụng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="61"/>
        <source>Language (after a restart)</source>
        <translation>Ngôn ngữ (có hiệu lực sau khi khởi động lại)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="62"/>
        <source>Operator name (for approvals)</source>
        <translation>Tên người vận hành (dùng khi duyệt)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="67"/>
        <location filename="../../desktop/gui/pages/settings.py" line="71"/>
        <source>s</source>
        <translation>giây</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="68"/>
        <source>The engine connects to each loudspeaker stream this long before an airing, so the first word is heard.</source>
        <translation>Bộ phát kết nối tới từng luồng loa trước mỗi lần phát chừng này thời gian, để không mất lời đầu tiên.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="74"/>
        <source>After the computer was off or busy, an airing still starts (joining where it has reached) if it is at most this late; later ones are recorded as missed.</source>
        <translation>Khi máy tính bị tắt hoặc quá bận, lượt phát vẫn bắt đầu (phát tiếp từ chỗ chương trình đã tới) nếu trễ không quá chừng này; trễ hơn thì ghi là bị lỡ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="77"/>
        <source>Connect before each airing</source>
        <translation>Kết nối trước mỗi lượt phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="78"/>
        <source>An airing may still start late by</source>
        <translation>Lượt phát vẫn được bắt đầu trễ tối đa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="79"/>
        <source>Data folder</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="81"/>
        <source>off (choose a folder on another disk or a USB drive)</source>
        <translation>đang tắt (hãy chọn thư mục trên ổ đĩa khác hoặc USB)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="82"/>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="85"/>
        <source>backups</source>
        <translation>bản</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="89"/>
        <source>keep</source>
        <translation>giữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="91"/>
        <source>Daily automatic backup</source>
        <translation>Sao lưu tự động hằng ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="93"/>
        <source>Loudness (speech preset)</source>
        <translation>Độ to (cấu hình cho giọng nói)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="101"/>
        <source>Trim silence at both ends</source>
        <translation>Cắt khoảng lặng ở đầu và cuối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="105"/>
        <source>off</source>
        <translation>tắt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="106"/>
        <source>Render every item again now</source>
        <translation>Tạo lại bản chuyển đổi cho mọi bản tin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="107"/>
        <source>Target loudness</source>
        <translation>Độ to mục tiêu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="108"/>
        <source>True-peak ceiling</source>
        <translation>Mức đỉnh thực tối đa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="110"/>
        <source>High-pass for horn speakers</source>
        <translation>Lọc thông cao cho loa nén</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="113"/>
        <location filename="../../desktop/gui/pages/settings.py" line="129"/>
        <source>Quiet hours</source>
        <translation>Giờ không phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="117"/>
        <source>As the area above it</source>
        <translation>Theo địa bàn cấp trên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="118"/>
        <source>No quiet hours</source>
        <translation>Không có giờ không phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="119"/>
        <source>From … to …</source>
        <translation>Trong khoảng …</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="122"/>
        <source>Apply to the area</source>
        <translation>Áp dụng cho địa bàn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="128"/>
        <source>Area</source>
        <translation>Địa bàn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="133"/>
        <source>Trusted keys (content bundles)</source>
        <translation>Khóa tin cậy (gói nội dung)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="136"/>
        <source>Trust a public key…</source>
        <translation>Tin cậy khóa công khai…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="137"/>
        <source>Revoke</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="145"/>
        <source>Save settings</source>
        <translation>Lưu cài đặt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="208"/>
        <source>revoked</source>
        <translation>đã thu hồi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="221"/>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="222"/>
        <source>In effect: {hours}</source>
        <translation>Đang áp dụng: {hours}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="249"/>
        <source>Saved. Items are rendered again with a new loudness preset when you press Render.</source>
        <translation>Đã lưu. Khi bạn bấm “Tạo lại bản chuyển đổi cho mọi bản tin”, các bản tin sẽ được chuyển đổi lại theo cấu hình độ to mới.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="255"/>
        <source>Folder for the daily backup</source>
        <translation>Thư mục sao lưu hằng ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="261"/>
        <source>Rendering…</source>
        <translation>Đang tạo bản chuyển đổi…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="270"/>
        <source>{made} renditions made, {failed} failed.</source>
        <translation>Đã tạo {made} bản chuyển đổi, {failed} bản lỗi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="280"/>
        <source>Quiet hours changed.</source>
        <translation>Đã đổi giờ không phát.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="291"/>
        <source>A public key (PEM)</source>
        <translation>Khóa công khai (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="295"/>
        <source>Trust a key</source>
        <translation>Tin cậy khóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="295"/>
        <source>Issuer code (the province or district code)</source>
        <translation>Mã đơn vị phát hành (mã tỉnh hoặc huyện)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="303"/>
        <source>Key trusted.</source>
        <translation>Đã tin cậy khóa.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/settings.py" line="312"/>
        <source>Key revoked.</source>
        <translation>Đã thu hồi khóa.</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63"/>
        <source>Endpoint</source>
        <translation>Điểm phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63"/>
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63"/>
        <source>Programme</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63"/>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63"/>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="63"/>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="97"/>
        <source>emergency</source>
        <translation>khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="97"/>
        <source>priority</source>
        <translation>ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="97"/>
        <source>normal</source>
        <translation>thông thường</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="138"/>
        <source>Engine: checking…</source>
        <translation>Bộ phát: đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="141"/>
        <source>Start the engine</source>
        <translation>Khởi động bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="143"/>
        <source>Stop the engine</source>
        <translation>Dừng bộ phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="154"/>
        <source>Nothing is planned for today.</source>
        <translation>Hôm nay không có lượt phát nào được lên lịch.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="156"/>
        <source>EMERGENCY BROADCAST</source>
        <translation>PHÁT KHẨN CẤP</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="161"/>
        <source>Go live…</source>
        <translation>Phát trực tiếp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="163"/>
        <source>Speak live from this PC&apos;s microphone on chosen endpoints</source>
        <translation>Nói trực tiếp từ micrô của máy này lên các điểm phát đã chọn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="164"/>
        <source>Stop broadcasting</source>
        <translation>Dừng phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="244"/>
        <source>Today, {date}</source>
        <translation>Hôm nay, {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="250"/>
        <source>On air now: {what}</source>
        <translation>Đang phát: {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="252"/>
        <source>Nothing is on air now.</source>
        <translation>Hiện không có gì đang phát.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="255"/>
        <source>Next: {time} {title} ({endpoint})</source>
        <translation>Tiếp theo: {time} {title} ({endpoint})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="257"/>
        <source>Nothing more today.</source>
        <translation>Hôm nay không còn lượt phát nào.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="260"/>
        <source>Endpoints offline: {names}</source>
        <translation>Điểm phát mất kết nối: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="273"/>
        <source>⚠ The province refused {n} messages; they are not sent again by themselves:</source>
        <translation>⚠ Tỉnh đã từ chối {n} tin gửi lên; các tin này không tự gửi lại:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="275"/>
        <source>message {id} ({kind}): {reason}</source>
        <translation>tin {id} ({kind}): {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/today.py" line="276"/>
        <source>When the province has fixed its side: Settings → HTTTN → Send refused messages again.</source>
        <translation>Khi tỉnh đã sửa phía mình: Cài đặt → HTTTN → Gửi lại các tin bị từ chối.</translation>
    </message>
</context>
<context>
    <name>TotpDialog</name>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="59"/>
        <source>One-time codes for {name}</source>
        <translation>Mã dùng một lần cho {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="62"/>
        <source>Open the authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP…) on the phone, add an account and scan this code. Without a camera, type the key instead.</source>
        <translation>Mở ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…) trên điện thoại, thêm tài khoản và quét mã này. Nếu không quét được, hãy gõ khóa bên dưới.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="67"/>
        <source>Making the code…</source>
        <translation>Đang tạo mã…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="81"/>
        <source>6 digits</source>
        <translation>6 chữ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="86"/>
        <source>Key</source>
        <translation>Khóa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="87"/>
        <source>Code shown by the app</source>
        <translation>Mã ứng dụng đang hiện</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="90"/>
        <source>Confirm and save</source>
        <translation>Xác nhận và lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/totp_dialog.py" line="92"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
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
        <location filename="../../desktop/gui/errors.py" line="64"/>
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
        <location filename="../../desktop/gui/formatting.py" line="27"/>
        <source>Monday</source>
        <translation>Thứ Hai</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="28"/>
        <source>Tuesday</source>
        <translation>Thứ Ba</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="29"/>
        <source>Wednesday</source>
        <translation>Thứ Tư</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="30"/>
        <source>Thursday</source>
        <translation>Thứ Năm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="31"/>
        <source>Friday</source>
        <translation>Thứ Sáu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="32"/>
        <source>Saturday</source>
        <translation>Thứ Bảy</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="33"/>
        <source>Sunday</source>
        <translation>Chủ nhật</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="40"/>
        <source>Mon</source>
        <translation>T2</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="41"/>
        <source>Tue</source>
        <translation>T3</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="42"/>
        <source>Wed</source>
        <translation>T4</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="43"/>
        <source>Thu</source>
        <translation>T5</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="44"/>
        <source>Fri</source>
        <translation>T6</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="45"/>
        <source>Sat</source>
        <translation>T7</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="46"/>
        <source>Sun</source>
        <translation>CN</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="71"/>
        <source>planned</source>
        <translation>đã lên lịch</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="72"/>
        <source>on air</source>
        <translation>đang phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="73"/>
        <source>aired</source>
        <translation>đã phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="74"/>
        <source>partly aired</source>
        <translation>phát một phần</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="75"/>
        <source>interrupted by a more urgent airing</source>
        <translation>bị ngắt để phát tin ưu tiên hơn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="76"/>
        <source>stopped</source>
        <translation>đã dừng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="77"/>
        <source>cut off (engine stopped)</source>
        <translation>bị gián đoạn (bộ phát đã dừng)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="78"/>
        <source>not aired</source>
        <translation>không phát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="79"/>
        <source>missed</source>
        <translation>bị lỡ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="80"/>
        <source>failed</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="81"/>
        <source>cancelled (holiday)</source>
        <translation>đã hủy (ngày lễ)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/formatting.py" line="82"/>
        <source>no record</source>
        <translation>không có nhật ký phát</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="44"/>
        <source>online</source>
        <translation>đang kết nối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="45"/>
        <source>offline</source>
        <translation>mất kết nối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/endpoints.py" line="46"/>
        <source>not checked yet</source>
        <translation>chưa kiểm tra</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="12"/>
        <source>1 General information</source>
        <translation>1 Thông tin chung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="13"/>
        <source>2 Breaking information</source>
        <translation>2 Thông tin đột xuất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="14"/>
        <source>3 Policy and law</source>
        <translation>3 Chủ trương, chính sách, pháp luật</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="15"/>
        <source>4 Local administration</source>
        <translation>4 Chỉ đạo, điều hành của địa phương</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="16"/>
        <source>5 Knowledge</source>
        <translation>5 Kiến thức khoa học, kinh tế, văn hóa, xã hội</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="17"/>
        <source>6 Good people, good deeds</source>
        <translation>6 Người tốt, việc tốt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="23"/>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="24"/>
        <source>approved</source>
        <translation>đã duyệt</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="25"/>
        <source>rejected</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="26"/>
        <source>retired</source>
        <translation>ngừng sử dụng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="32"/>
        <source>emergency</source>
        <translation>khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="33"/>
        <source>priority</source>
        <translation>ưu tiên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/library/labels.py" line="34"/>
        <source>normal</source>
        <translation>thông thường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="184"/>
        <source>resumed at {position}</source>
        <translation>tiếp tục tại {position}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="200"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/pages/runs.py" line="201"/>
        <source>no</source>
        <translation>không</translation>
    </message>
</context>
<context>
    <name>win</name>
    <message>
        <location filename="../../desktop/gui/app.py" line="185"/>
        <source>Starting the engine…</source>
        <translation>Đang khởi động bộ phát…</translation>
    </message>
</context>
</TS>
