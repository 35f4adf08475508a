# Functions shaped like cspin's cmdlets (the same parameters, positions, aliases, pipeline binding and
# ShouldProcess), so that the binder cases compare PowerShell's parameter binding with cspin's. Each writes
# one object per process call (after ShouldProcess where the cmdlet has it): cases compare the number of
# objects and the error ids. [string] stands in for Lync's UserIdParameter. Identity is
# [ValidateNotNullOrWhiteSpace()] as cspin declares it (a blank identity names nobody; Microsoft's help does not
# list the attributes of the real one), so '', '  ' and null are ParameterArgumentValidationError on both sides.

function Get-CsClientPinInfo {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
    param(
        [Parameter(Mandatory, Position = 1, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('SipAddress', 'UserPrincipalName', 'DistinguishedName')]
        [ValidateNotNullOrWhiteSpace()] [string] $Identity
    )
    process { if ($PSCmdlet.ShouldProcess($Identity)) { [pscustomobject]@{ Identity = $Identity } } }
}

function Test-CsClientPin {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 1, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('SipAddress', 'UserPrincipalName', 'DistinguishedName')]
        [ValidateNotNullOrWhiteSpace()] [string] $Identity,
        [Parameter(Mandatory, Position = 2, ValueFromPipelineByPropertyName)] [string] $Pin
    )
    process { [pscustomobject]@{ Identity = $Identity; Pin = $Pin } }
}

function Set-CsClientPin {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory, Position = 1, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('SipAddress', 'UserPrincipalName', 'DistinguishedName')]
        [ValidateNotNullOrWhiteSpace()] [string] $Identity,
        [Parameter(Position = 2, ValueFromPipelineByPropertyName)] [string] $Pin,
        [switch] $Force
    )
    process { if ($PSCmdlet.ShouldProcess($Identity)) { [pscustomobject]@{ Identity = $Identity } } }
}

function Lock-CsClientPin {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory, Position = 1, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('SipAddress', 'UserPrincipalName', 'DistinguishedName')]
        [ValidateNotNullOrWhiteSpace()] [string] $Identity,
        [switch] $Force,
        [switch] $PassThru
    )
    process { if ($PSCmdlet.ShouldProcess($Identity) -and $PassThru) { [pscustomobject]@{ Identity = $Identity } } }
}

function Grant-CsPinPolicy {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Mandatory, Position = 1, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('SipAddress', 'UserPrincipalName', 'DistinguishedName')]
        [ValidateNotNullOrWhiteSpace()] [string] $Identity,
        [Parameter(Position = 2)] [AllowNull()] [string] $PolicyName,
        [switch] $PassThru
    )
    process { if ($PSCmdlet.ShouldProcess($Identity) -and $PassThru) { [pscustomobject]@{ Identity = $Identity } } }
}

# -Filter and -LdapFilter are mutually exclusive (two parameter sets, as cspin's mutuallyExclusive says).
function Get-CsUser {
    [CmdletBinding(DefaultParameterSetName = 'Filter')]
    param(
        [Parameter(Position = 1, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('SipAddress', 'UserPrincipalName', 'DistinguishedName')]
        [ValidateNotNullOrWhiteSpace()] [string] $Identity,
        [string] $OU,
        [Parameter(ParameterSetName = 'LdapFilter')] [string] $LdapFilter,
        [Parameter(ParameterSetName = 'Filter')] [string] $Filter,
        [string] $ResultSize
    )
    process { [pscustomobject]@{ Identity = $Identity } }
}
