<#
Build Lumetra Desk for Windows: the one-folder app (dist\lumetra-desk\) and the installer
(dist\lumetra-desk-<version>-windows-x64-setup.exe).

Needs: Python 3.11 (x64) and Inno Setup 6 (https://jrsoftware.org/isinfo.php; iscc.exe on PATH or in its
default folder). Run from any folder:

    powershell -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1

The script makes a venv in .venv (if missing) with the pinned dependencies, runs PyInstaller with
packaging\lumetra-desk.spec, runs the frozen app's self-test (offscreen: temporary encrypted store, one
letter) and compiles the installer with the version taken from lumetra_desk.__version__.
#>
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
$Venv = Join-Path $Root ".venv"
$Python = Join-Path $Venv "Scripts\python.exe"

if (-not (Test-Path $Python)) {
    py -3.11 -m venv $Venv
    if ($LASTEXITCODE -ne 0) { throw "Python 3.11 is needed (install it from python.org, with the py launcher)." }
}
& $Python -m pip install -q --upgrade pip
& $Python -m pip install -q -c constraints.txt -e ".[dev]"
if ($LASTEXITCODE -ne 0) { throw "Installing the pinned dependencies failed." }

$Version = (& $Python -c "import lumetra_desk; print(lumetra_desk.__version__)").Trim()
& $Python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\lumetra-desk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed." }

# lumetra-desk-cli.exe is the console twin of the windowed lumetra-desk.exe (same files), so the report shows.
$env:QT_QPA_PLATFORM = "offscreen"
& "dist\lumetra-desk\lumetra-desk-cli.exe" --self-test
$SelfTestExit = $LASTEXITCODE
Remove-Item Env:\QT_QPA_PLATFORM
if ($SelfTestExit -ne 0) { throw "The frozen app failed its self-test (exit $SelfTestExit)." }

$Iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $Iscc)) { throw "Inno Setup 6 is needed: install it from https://jrsoftware.org/isinfo.php" }
& $Iscc "/DAppVersion=$Version" packaging\windows\lumetra-desk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed." }
Write-Host "Built dist\lumetra-desk-$Version-windows-x64-setup.exe"
