; Inno Setup script for reader: a per-user install (no admin rights needed).
; packaging/build.py compiles it with the version from pyproject.toml:
;   ISCC /DAppVersion=0.2.0rc1 /DNumericVersion=0.2.0.0 /DSourceDir=dist\Reader
;        /DOutputDir=dist /DOutputName=Reader-0.2.0rc1-windows-amd64 reader.iss
; AppVersion is shown to people; NumericVersion (four numbers, build.py's windows_version)
; goes into the version resource, which accepts nothing else (a pre-release "rc1" stops ISCC).

#ifndef AppVersion
  #error AppVersion must be defined: ISCC /DAppVersion=X.Y.Z (packaging/build.py does it)
#endif
#ifndef NumericVersion
  #error NumericVersion must be defined: ISCC /DNumericVersion=X.Y.Z.0 (packaging/build.py does it)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\Reader"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef OutputName
  #define OutputName "Reader-" + AppVersion + "-windows"
#endif

[Setup]
; The AppId ties upgrades and the uninstaller to one install; never change it.
AppId={{6C1E8F0A-3B7D-4E52-9A61-7D0C5B2E4F18}
AppName=Reader
AppVersion={#AppVersion}
AppVerName=Reader {#AppVersion}
AppPublisher=reader
VersionInfoVersion={#NumericVersion}
DefaultDirName={autopf}\Reader
DefaultGroupName=Reader
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir={#OutputDir}
OutputBaseFilename={#OutputName}
SetupIconFile=..\icons\reader.ico
UninstallDisplayIcon={app}\Reader.exe
UninstallDisplayName=Reader {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
; Qt 6 supports Windows 10 1809 (build 17763) and later; older systems get Setup's message.
MinVersion=10.0.17763

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole runtime: Qt and Python files of the old version that the new
; one no longer ships must not linger next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Reader"; Filename: "{app}\Reader.exe"
Name: "{autodesktop}\Reader"; Filename: "{app}\Reader.exe"; Tasks: desktopicon

[Registry]
; Lesson packs (.readerpack) open in Reader. HKA is HKCU for a per-user install.
; The uninstaller removes our values, then each key that is left empty (another program may
; have registered itself for .readerpack too: its values keep the keys).
Root: HKA; Subkey: "Software\Classes\.readerpack"; ValueType: string; ValueName: ""; ValueData: "Reader.LessonPack"; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\.readerpack\OpenWithProgids"; ValueType: string; ValueName: "Reader.LessonPack"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty
Root: HKA; Subkey: "Software\Classes\Reader.LessonPack"; ValueType: string; ValueName: ""; ValueData: "Reader lesson pack"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Reader.LessonPack\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Reader.exe,0"
Root: HKA; Subkey: "Software\Classes\Reader.LessonPack\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Reader.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\Reader.exe"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\Reader.exe\SupportedTypes"; ValueType: string; ValueName: ".readerpack"; ValueData: ""

[Run]
Filename: "{app}\Reader.exe"; Description: "{cm:LaunchProgram,Reader}"; Flags: nowait postinstall skipifsilent
