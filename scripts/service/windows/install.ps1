<#
.SYNOPSIS
  Installs (or reinstalls) Cetak's Windows service "cetakd" and starts it.

.DESCRIPTION
  Run as administrator from C:\Program Files\Cetak (docs/install-windows.md). Safe to run again:
  it replaces the service registration, keeps the config and the data.
    1. puts WinSW beside cetakd.xml as cetakd.exe (WinSW finds its XML by its own name)
    2. registers the service "cetakd", running as its virtual account NT SERVICE\cetakd
    3. creates %ProgramData%\Cetak (data, logs) and limits it to that account and Administrators
    4. copies config\default.yaml to %ProgramData%\Cetak\cetak.yaml if there is none
    5. starts the service and waits for the daemon to say where it listens

.PARAMETER WinSW
  Path to WinSW-x64.exe (v2.12). Needed the first time; later runs reuse cetakd.exe.

.PARAMETER NoStart
  Install without starting (for instance to edit cetak.yaml first).
#>
[CmdletBinding()]
param(
  [string]$WinSW,
  [switch]$NoStart
)
$ErrorActionPreference = 'Stop'

# These names are also in cetakd.xml, src/cli/data-dir-lookup.ts and the docs; a test keeps them equal.
$ServiceId = 'cetakd'
$ServiceAccount = 'NT SERVICE\cetakd'
$InstallDir = 'C:\Program Files\Cetak'
$NodeExe = 'C:\Program Files\nodejs\node.exe'
$ProgramDataDir = 'C:\ProgramData'
$CetakRoot = 'C:\ProgramData\Cetak'
$DataDir = 'C:\ProgramData\Cetak\data'
$LogDir = 'C:\ProgramData\Cetak\logs'
$ConfigFile = 'C:\ProgramData\Cetak\cetak.yaml'
# BUILTIN\Administrators by its SID: the group's name is translated on some Windows languages.
$AdministratorsSid = '*S-1-5-32-544'

function Fail([string]$Message) {
  Write-Host "install.ps1: $Message" -ForegroundColor Red
  exit 1
}

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  Fail 'run this from a PowerShell opened with "Run as administrator"'
}

$checkout = (Resolve-Path (Join-Path $PSScriptRoot '..\..\..')).Path.TrimEnd('\')
if ($checkout -ne $InstallDir) {
  Fail "Cetak is in $checkout, but the service runs it from $InstallDir (cetakd.xml <workingdirectory>); move it there"
}
if (-not (Test-Path $NodeExe)) { Fail "no Node.js at $NodeExe; install Node.js 24 LTS (x64) first" }
if ($env:ProgramData -ne $ProgramDataDir) {
  Fail "%ProgramData% is $env:ProgramData, not $ProgramDataDir: change the paths in cetakd.xml and this script"
}
if (-not (Test-Path (Join-Path $InstallDir 'node_modules'))) { Fail "run npm ci in $InstallDir first" }

$wrapper = Join-Path $PSScriptRoot "$ServiceId.exe"
if ($WinSW) {
  if (-not (Test-Path $WinSW)) { Fail "no file at $WinSW (download WinSW-x64.exe v2.12)" }
  Copy-Item -Force $WinSW $wrapper
} elseif (-not (Test-Path $wrapper)) {
  Fail 'give -WinSW path\to\WinSW-x64.exe the first time'
}

# A reinstall takes changes to the account, start mode or failure actions, which WinSW sets only at install.
if (Get-Service -Name $ServiceId -ErrorAction SilentlyContinue) {
  Write-Host "Removing the existing $ServiceId service first (config and data are kept)"
  & $wrapper stop | Out-Null
  & $wrapper uninstall
  for ($i = 0; $i -lt 30 -and (Get-Service -Name $ServiceId -ErrorAction SilentlyContinue); $i++) {
    Start-Sleep -Seconds 1
  }
  if (Get-Service -Name $ServiceId -ErrorAction SilentlyContinue) {
    Fail "the old $ServiceId service is still registered; close services.msc and run this again"
  }
}

& $wrapper install
if ($LASTEXITCODE -ne 0) { Fail "WinSW could not install the service (exit $LASTEXITCODE)" }
$startName = (Get-CimInstance Win32_Service -Filter "Name='$ServiceId'").StartName
if ($startName -ne $ServiceAccount) {
  # Older WinSW builds may ignore <serviceaccount>; never leave the service on LocalSystem.
  & sc.exe config $ServiceId obj= $ServiceAccount | Out-Null
  $startName = (Get-CimInstance Win32_Service -Filter "Name='$ServiceId'").StartName
  if ($startName -ne $ServiceAccount) { Fail "the service runs as $startName, not $ServiceAccount" }
}

# The account NT SERVICE\cetakd exists only once the service is registered, so the ACL comes after.
foreach ($dir in @($CetakRoot, $DataDir, $LogDir)) { New-Item -ItemType Directory -Force -Path $dir | Out-Null }
# Only the service and administrators: the data dir holds residents' data, the install secret and
# the status port's token. Inheritance from ProgramData (where every user may create files) is cut.
& icacls.exe $CetakRoot /inheritance:r /grant:r "${AdministratorsSid}:(OI)(CI)F" "${ServiceAccount}:(OI)(CI)F" | Out-Null
if ($LASTEXITCODE -ne 0) { Fail "icacls could not set the permissions of $CetakRoot" }
# Everything already inside takes the folder's permissions, dropping any it was given by hand.
& icacls.exe "$CetakRoot\*" /reset /T /C /Q | Out-Null

if (-not (Test-Path $ConfigFile)) {
  Copy-Item (Join-Path $InstallDir 'config\default.yaml') $ConfigFile
  Write-Host "Wrote $ConfigFile (two emulated printers): edit it for the office's printers"
}

Write-Host "Service $ServiceId installed, running as $ServiceAccount"
& icacls.exe $CetakRoot
if ($NoStart) {
  Write-Host "Not started. Start it with: Start-Service $ServiceId"
  exit 0
}

& $wrapper start
if ($LASTEXITCODE -ne 0) { Fail "the service did not start; see $LogDir" }
$daemonInfo = Join-Path $DataDir 'daemon.json'
for ($i = 0; $i -lt 60 -and -not (Test-Path $daemonInfo); $i++) { Start-Sleep -Seconds 1 }
if (-not (Test-Path $daemonInfo)) { Fail "the daemon has not written $daemonInfo after 60 s; see $LogDir" }
$url = (Get-Content -Raw $daemonInfo | ConvertFrom-Json).url
Write-Host "Cetak is running: dashboard at $url (the token is in $DataDir\token)"
