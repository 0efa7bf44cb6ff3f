; Inno Setup script: one installer file for a commune PC (no Python needed).
; Build dist\LoaXa first (docs/packaging.md: the same packaging\loaxa.spec on Windows), then:
;   iscc packaging\loaxa.iss        -> dist\LoaXa-setup-0.1.0.exe
; The installer puts the application in Program Files, the data in C:\ProgramData\LoaXa (shared by
; the engine, which runs as SYSTEM at boot, and the people using the window), a Start-menu entry,
; the engine's autostart (`loaxa service install`: a Task Scheduler task at boot, restarted on
; failure) and an uninstaller that removes the task. The data folder stays on uninstall.
; Saved as UTF-8 with a byte-order mark: Inno Setup then reads the Vietnamese names as UTF-8.

#define AppName "LoaXa"
#define AppVersion "0.1.0"
#define DataDir "{commonappdata}\LoaXa"

[Setup]
AppId={{7C2E4C1A-3B7D-4E59-9A53-4C0A9E1F6B21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=LoaXa
AppComments=Lập lịch phát thanh loa truyền thanh cơ sở
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; the engine's task runs as SYSTEM and the data folder is machine-wide: an administrator installs
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=LoaXa-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupIconFile=..\assets\icons\loaxa.ico
UninstallDisplayIcon={app}\loaxa-gui.exe
UninstallDisplayName={#AppName}
ChangesEnvironment=yes
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships Vietnamese among its unofficial translations: copy Vietnamese.isl into its
; Languages folder and uncomment to offer it.
; Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Tasks]
Name: "engineservice"; Description: "Start the broadcast engine when the computer starts (recommended)"; GroupDescription: "Engine:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; the engine (SYSTEM) and the operators (Users) both write the database and the media folder
Name: "{#DataDir}"; Permissions: users-modify

[Files]
Source: "..\dist\LoaXa\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
; `loaxa` in any console finds the same data as the engine and the window
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "LOAXA_DATA_DIR"; ValueData: "{#DataDir}"; Flags: uninsdeletevalue

[Icons]
Name: "{group}\LoaXa"; Filename: "{app}\loaxa-gui.exe"; Parameters: "--data-dir ""{#DataDir}"""; WorkingDir: "{app}"
Name: "{group}\LoaXa (dòng lệnh)"; Filename: "{cmd}"; Parameters: "/k cd /d ""{app}"" && loaxa.exe --help"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,LoaXa}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\LoaXa"; Filename: "{app}\loaxa-gui.exe"; Parameters: "--data-dir ""{#DataDir}"""; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; the database first (migrations), then the engine's task at boot (started now as well)
Filename: "{app}\loaxa.exe"; Parameters: "--data-dir ""{#DataDir}"" init"; StatusMsg: "Preparing the database..."; Flags: runhidden waituntilterminated
Filename: "{app}\loaxa.exe"; Parameters: "service install --data-dir ""{#DataDir}"""; StatusMsg: "Setting the engine to start at boot..."; Flags: runhidden waituntilterminated; Tasks: engineservice
Filename: "{app}\loaxa-gui.exe"; Parameters: "--data-dir ""{#DataDir}"""; Description: "{cm:LaunchProgram,LoaXa}"; Flags: nowait postinstall skipifsilent

[Code]
// An upgrade replaces loaxa.exe and ffmpeg.exe while the engine (a SYSTEM task, not in the
// user's session, so Restart Manager cannot close it) runs them: end the task and whatever still
// runs from the application folder; the [Run] section installs and starts the engine again.
function PrepareToInstall(var NeedsRestart: Boolean): String;
var
  ResultCode: Integer;
begin
  Exec(ExpandConstant('{sys}\schtasks.exe'), '/End /TN "LoaXa\Engine"', '', SW_HIDE, ewWaitUntilTerminated, ResultCode);
  Exec(ExpandConstant('{sys}\WindowsPowerShell\v1.0\powershell.exe'),
    '-NoProfile -NonInteractive -Command "Get-Process loaxa,loaxa-gui,ffmpeg -ErrorAction SilentlyContinue | ' +
    'Where-Object { $_.Path -like ''' + ExpandConstant('{app}') + '\*'' } | Stop-Process -Force"',
    '', SW_HIDE, ewWaitUntilTerminated, ResultCode);
  Result := '';
end;

[UninstallRun]
; stop the engine and remove its task before the files go (harmless when it was never installed)
Filename: "{app}\loaxa.exe"; Parameters: "service uninstall --data-dir ""{#DataDir}"""; Flags: runhidden waituntilterminated; RunOnceId: "RemoveEngineTask"
