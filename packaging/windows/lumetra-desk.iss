; Inno Setup script for Lumetra Desk (Inno Setup 6). Built by packaging\windows\build_windows.ps1, which
; first runs PyInstaller (dist\lumetra-desk\) and then calls:
;   iscc /DAppVersion=<version from lumetra_desk.__version__> packaging\windows\lumetra-desk.iss
; Output: dist\lumetra-desk-<version>-windows-x64-setup.exe. Installs per user by default (no admin rights
; needed); the officer's data folder (%LOCALAPPDATA%\Lumetra\lumetra-desk) is never removed on uninstall.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z lumetra-desk.iss (build_windows.ps1 does this)
#endif

#define AppName "Lumetra Desk"
#define AppExe "lumetra-desk.exe"
#define RepoRoot "..\.."

[Setup]
AppId={{5B0C3D5E-8E0B-4F7B-9C3A-6E2D1F4A7B10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Lumetra LLC
AppPublisherURL=https://lumetra.io/
DefaultDirName={autopf}\Lumetra Desk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#RepoRoot}\dist
OutputBaseFilename=lumetra-desk-{#AppVersion}-windows-x64-setup
SetupIconFile={#RepoRoot}\resources\icons\io.lumetra.Desk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#RepoRoot}\dist\lumetra-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
