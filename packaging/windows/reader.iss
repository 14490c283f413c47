; Inno Setup script for reader: a per-user install (no admin rights needed).
; packaging/build.py compiles it with the version from pyproject.toml:
;   ISCC /DAppVersion=X.Y.Z /DSourceDir=dist\Reader /DOutputDir=dist /DOutputName=Reader-X.Y.Z-windows-amd64 reader.iss

#ifndef AppVersion
  #error AppVersion must be defined: ISCC /DAppVersion=X.Y.Z (packaging/build.py does it)
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
VersionInfoVersion={#AppVersion}
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
Root: HKA; Subkey: "Software\Classes\.readerpack"; ValueType: string; ValueName: ""; ValueData: "Reader.LessonPack"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.readerpack\OpenWithProgids"; ValueType: string; ValueName: "Reader.LessonPack"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Reader.LessonPack"; ValueType: string; ValueName: ""; ValueData: "Reader lesson pack"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Reader.LessonPack\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Reader.exe,0"
Root: HKA; Subkey: "Software\Classes\Reader.LessonPack\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Reader.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\Reader.exe\SupportedTypes"; ValueType: string; ValueName: ".readerpack"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\Reader.exe"; Description: "{cm:LaunchProgram,Reader}"; Flags: nowait postinstall skipifsilent
