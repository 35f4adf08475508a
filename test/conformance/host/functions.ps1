# Functions shaped like cspin's cmdlets (same parameters and binding metadata), for the binder cases.
function Test-Nothing { }
