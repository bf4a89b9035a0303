<#
.SYNOPSIS
  Stops and removes Cetak's Windows service "cetakd".

.DESCRIPTION
  Run as administrator. Keeps %ProgramData%\Cetak (config, job store, install secret, logs) unless
  -RemoveData is given: the job store cannot be opened again without its secret, so take a backup
  first (npm run cetak -- backup FILE --with-secret, docs/privacy.md) if the jobs matter.

.PARAMETER RemoveData
  Also delete %ProgramData%\Cetak with everything in it.
#>
[CmdletBinding()]
param([switch]$RemoveData)
$ErrorActionPreference = 'Stop'

$ServiceId = 'cetakd'
$CetakRoot = 'C:\ProgramData\Cetak'
$wrapper = Join-Path $PSScriptRoot "$ServiceId.exe"

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  Write-Host 'uninstall.ps1: run this from a PowerShell opened with "Run as administrator"' -ForegroundColor Red
  exit 1
}

if (Get-Service -Name $ServiceId -ErrorAction SilentlyContinue) {
  # Stop waits for a card in progress to finish (up to <stoptimeout> in cetakd.xml).
  Stop-Service -Name $ServiceId
  if (Test-Path $wrapper) { & $wrapper uninstall } else { & sc.exe delete $ServiceId | Out-Null }
  Write-Host "Service $ServiceId removed"
} else {
  Write-Host "No service $ServiceId is installed"
}
if (Test-Path $wrapper) { Remove-Item -Force $wrapper }

if ($RemoveData) {
  Remove-Item -Recurse -Force $CetakRoot
  Write-Host "Deleted $CetakRoot"
} elseif (Test-Path $CetakRoot) {
  Write-Host "Kept $CetakRoot (config, job store, secret, logs); -RemoveData deletes it"
}
