# Static proof that scripts run on Windows PowerShell 5.1: each file must parse with PowerShell's own parser with no
# error, and its syntax tree may hold nothing newer than 5.1. Prints one JSON array: { file, problems[] } per file.
# Runs under pwsh 7 (its parser also accepts 7.x syntax, which is exactly what the rules below look for).
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Path)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

# Cmdlets that Windows PowerShell 5.1 does not have (added in PowerShell 6 or 7).
$NewCmdlets = @(
  'Join-String', 'Get-Error', 'Test-Json', 'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'ConvertFrom-Markdown',
  'Show-Markdown', 'Get-MarkdownOption', 'Set-MarkdownOption', 'Get-ExperimentalFeature', 'Enable-ExperimentalFeature',
  'Disable-ExperimentalFeature', 'ConvertTo-CliXml', 'ConvertFrom-CliXml', 'Get-SecureRandom', 'Start-ThreadJob',
  'Get-PSSubsystem', 'Switch-Process'
)

# Parameters that 5.1's version of a cmdlet lacks. An abbreviation (any unambiguous prefix) counts too.
$NewParameters = @{
  'ForEach-Object'    = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
  'ConvertFrom-Json'  = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
  'ConvertTo-Json'    = @('EscapeHandling', 'AsArray', 'EnumsAsStrings')
  'Get-Content'       = @('AsByteStream')
  'Set-Content'       = @('AsByteStream')
  'Add-Content'       = @('AsByteStream')
  'Invoke-WebRequest' = @('SkipCertificateCheck', 'SkipHttpErrorCheck', 'Authentication', 'Token', 'SslProtocol', 'StatusCodeVariable', 'ResponseHeadersVariable', 'Resume', 'NoProxy', 'HttpVersion', 'MaximumRetryCount', 'RetryIntervalSec', 'SkipHeaderValidation', 'Form', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds', 'AllowInsecureRedirect')
  'Invoke-RestMethod' = @('SkipCertificateCheck', 'SkipHttpErrorCheck', 'Authentication', 'Token', 'SslProtocol', 'StatusCodeVariable', 'ResponseHeadersVariable', 'Resume', 'NoProxy', 'HttpVersion', 'MaximumRetryCount', 'RetryIntervalSec', 'SkipHeaderValidation', 'Form', 'FollowRelLink', 'MaximumFollowRelLink', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds', 'AllowInsecureRedirect')
  'Get-Date'          = @('AsUTC', 'UnixTimeSeconds')
  'Split-Path'        = @('LeafBase', 'Extension')
  'Join-Path'         = @('AdditionalChildPath')
  'Sort-Object'       = @('Top', 'Bottom', 'Stable')
  'Select-Object'     = @('SkipIndex')
  'Select-String'     = @('Raw', 'NoEmphasis')
  'Measure-Object'    = @('StandardDeviation', 'AllStats')
  'Test-Connection'   = @('TargetName', 'TcpPort', 'MtuSize', 'Traceroute', 'Repeat', 'Detailed')
  'Get-Random'        = @('Shuffle')
  'ConvertTo-Csv'     = @('UseQuotes', 'QuoteFields', 'IncludeTypeInformation')
  'Export-Csv'        = @('UseQuotes', 'QuoteFields', 'IncludeTypeInformation')
  'Start-Process'     = @('Environment')
  'Format-Hex'        = @('Count', 'Offset')
}

# -Encoding names 5.1 does not know (5.1 has Unknown, String, Unicode, BigEndianUnicode, UTF8, UTF7, UTF32, ASCII, Default, OEM, Byte).
$NewEncodings = @('utf8NoBOM', 'utf8BOM', 'ansi', 'utf32BE', 'latin1')

# Automatic variables that only PowerShell 6+ sets: in 5.1 they read as $null, silently.
$NewVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle', 'PSNativeCommandArgumentPassing', 'PSNativeCommandUseErrorActionPreference', 'EnabledExperimentalFeatures')

# .NET members that .NET Framework 4.x (what 5.1 runs on) lacks: type → members.
$NewStaticMembers = @{
  'Convert'     = @('ToHexString', 'FromHexString', 'ToHexStringLower')
  'IO.Path'     = @('Join', 'GetRelativePath', 'TrimEndingDirectorySeparator', 'EndsInDirectorySeparator', 'Exists')
  'Environment' = @('ProcessId', 'ProcessPath', 'IsPrivilegedProcess')
  'Text.Encoding' = @('Latin1')
  'IO.File'     = @('ReadAllTextAsync', 'ReadAllBytesAsync', 'WriteAllTextAsync', 'WriteAllBytesAsync', 'ReadAllLinesAsync', 'AppendAllTextAsync')
  'String'      = @('Create')
  'Math'        = @('Clamp', 'BitIncrement', 'BitDecrement', 'FusedMultiplyAdd')
  'Guid'        = @('CreateVersion7')
  'Security.Cryptography.RandomNumberGenerator' = @('GetInt32', 'GetBytes', 'Fill', 'GetHexString', 'GetString', 'GetItems', 'Shuffle')
  'Security.Cryptography.SHA256' = @('HashData')
  'Security.Cryptography.SHA1' = @('HashData')
  'Security.Cryptography.MD5' = @('HashData')
}

# Types .NET Framework 4.x does not have.
$NewTypes = @('System.Text.Json.*', 'Text.Json.*', 'System.Range', 'System.Index', 'System.Text.Rune', 'Text.Rune', 'System.Half', 'System.DateOnly', 'DateOnly', 'System.TimeOnly', 'TimeOnly', 'System.Management.Automation.Subsystem.*', 'System.Net.Http.SocketsHttpHandler', 'System.Formats.*', 'System.Threading.Channels.*')

function Get-Problem($ast, [string]$rule, [string]$message) {
  [pscustomobject]@{ line = $ast.Extent.StartLineNumber; column = $ast.Extent.StartColumnNumber; rule = $rule; text = ($ast.Extent.Text -split "`n")[0]; message = $message }
}

function Get-TypeName([string]$name) {
  $n = $name.Trim()
  if ($n.StartsWith('System.')) { $n = $n.Substring(7) }
  return $n
}

function Test-Prefix([string]$given, [string[]]$names) {
  foreach ($n in $names) { if ($given.Length -ge 2 -and $n.StartsWith($given, [StringComparison]::OrdinalIgnoreCase)) { return $n } }
  return $null
}

# The walk skips node types no rule looks at, with a compiled predicate (a script block per node is slow in a big tree).
function New-NodeFilter([type[]]$Skip) {
  $E = [System.Linq.Expressions.Expression]
  $n = $E::Parameter([System.Management.Automation.Language.Ast], 'n')
  $body = $E::Constant($true)
  foreach ($t in $Skip) { $body = $E::AndAlso($body, $E::Not($E::TypeIs($n, $t))) }
  return $E::Lambda([Func[System.Management.Automation.Language.Ast, bool]], $body, [System.Linq.Expressions.ParameterExpression[]]@($n)).Compile()
}
$Ast = 'System.Management.Automation.Language'
$AllNodes = New-NodeFilter @()
$RuleNodes = New-NodeFilter @(
  "$Ast.VariableExpressionAst", "$Ast.ConstantExpressionAst", "$Ast.CommandExpressionAst", "$Ast.ParenExpressionAst",
  "$Ast.NamedBlockAst", "$Ast.StatementBlockAst", "$Ast.HashtableAst", "$Ast.SubExpressionAst", "$Ast.ConvertExpressionAst",
  "$Ast.ExpandableStringExpressionAst", "$Ast.CommandParameterAst", "$Ast.ScriptBlockExpressionAst", "$Ast.IfStatementAst",
  "$Ast.ArrayExpressionAst", "$Ast.UnaryExpressionAst", "$Ast.ArrayLiteralAst"
)

function Test-Script([string]$Text) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref]$tokens, [ref]$errors)
  $problems = New-Object System.Collections.Generic.List[object]
  foreach ($e in $errors) {
    $problems.Add([pscustomobject]@{ line = $e.Extent.StartLineNumber; column = $e.Extent.StartColumnNumber; rule = 'parse-error'; text = ($e.Extent.Text -split "`n")[0]; message = $e.Message })
  }
  # Strings and variables are most of a tree: look at them only when the text holds what the rules seek.
  $filter = $RuleNodes
  if ($Text -match '`u\{' -or $Text -match ('\$\{?(' + ($NewVariables -join '|') + ')\b')) { $filter = $AllNodes }
  foreach ($node in $ast.FindAll($filter, $true)) {
    $type = $node.GetType().Name
    switch ($type) {
      'TernaryExpressionAst' { $problems.Add((Get-Problem $node 'ternary' 'The ternary operator a ? b : c is PowerShell 7; use if/else.')) }
      'PipelineChainAst' { $problems.Add((Get-Problem $node 'pipeline-chain' '&& and || between pipelines are PowerShell 7; test $? or $LASTEXITCODE.')) }
      'BinaryExpressionAst' {
        if ($node.Operator -eq 'QuestionQuestion') { $problems.Add((Get-Problem $node 'null-coalescing' '?? is PowerShell 7; use if ($null -eq …).')) }
        if (@('Ireplace', 'Creplace', 'Replace') -contains [string]$node.Operator -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst]) {
          if (@($node.Right.Elements | Where-Object { $_ -is [System.Management.Automation.Language.ScriptBlockExpressionAst] }).Count -gt 0) {
            $problems.Add((Get-Problem $node 'replace-scriptblock' '-replace with a script block as the replacement is PowerShell 6.1+; use [regex]::Replace.'))
          }
        }
      }
      'AssignmentStatementAst' {
        if ([string]$node.Operator -eq 'QuestionQuestionEquals') { $problems.Add((Get-Problem $node 'null-coalescing-assignment' '??= is PowerShell 7.')) }
      }
      { $_ -eq 'MemberExpressionAst' -or $_ -eq 'InvokeMemberExpressionAst' } {
        if ($node.NullConditional) { $problems.Add((Get-Problem $node 'null-conditional' '?. is PowerShell 7.')) }
        if ($type -eq 'InvokeMemberExpressionAst' -and $node.GenericTypeArguments -and $node.GenericTypeArguments.Count -gt 0) {
          $problems.Add((Get-Problem $node 'generic-method-call' 'Calling a method with [type] arguments is PowerShell 7.3.'))
        }
        $member = $node.Member
        if ($node.Static -and $node.Expression -is [System.Management.Automation.Language.TypeExpressionAst] -and $member -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
          $typeName = Get-TypeName $node.Expression.TypeName.FullName
          if ($NewStaticMembers.ContainsKey($typeName) -and ($NewStaticMembers[$typeName] -contains $member.Value)) {
            $problems.Add((Get-Problem $node 'dotnet-core-member' "[$typeName]::$($member.Value) does not exist in .NET Framework 4.x, which Windows PowerShell 5.1 runs on."))
          }
        }
        if ($type -eq 'InvokeMemberExpressionAst' -and -not $node.Static -and $member -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $member.Value -eq 'Split' -and $node.Arguments -and $node.Arguments.Count -ge 1) {
          $first = $node.Arguments[0]
          if ($first -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $first.Value.Length -gt 1) {
            $problems.Add((Get-Problem $node 'split-string' ".Split('$($first.Value)') splits on each of those characters in 5.1 (.NET Framework) but on the whole string in pwsh; use -split."))
          }
        }
      }
      'IndexExpressionAst' {
        if ($node.NullConditional) { $problems.Add((Get-Problem $node 'null-conditional' '?[ ] is PowerShell 7.')) }
      }
      'PipelineAst' {
        if ($node.Background) { $problems.Add((Get-Problem $node 'background-operator' 'A trailing & (background job) is PowerShell 6+.')) }
      }
      'ScriptBlockAst' {
        if ($node.CleanBlock) { $problems.Add((Get-Problem $node.CleanBlock 'clean-block' 'The clean { } block is PowerShell 7.3.')) }
      }
      'StringConstantExpressionAst' {
        if ([string]$node.StringConstantType -eq 'DoubleQuoted' -and $node.Extent.Text -match '`u\{') { $problems.Add((Get-Problem $node 'unicode-escape' '"`u{…}" escapes are PowerShell 6+; use [char]0x….')) }
      }
      'ExpandableStringExpressionAst' {
        if ($node.Extent.Text -match '`u\{') { $problems.Add((Get-Problem $node 'unicode-escape' '"`u{…}" escapes are PowerShell 6+; use [char]0x….')) }
      }
      'VariableExpressionAst' {
        $name = $node.VariablePath.UserPath
        if ($NewVariables -contains $name) { $problems.Add((Get-Problem $node 'new-variable' "`$$name is set only by PowerShell 6+; in 5.1 it is `$null.")) }
      }
      'TypeExpressionAst' { foreach ($t in $NewTypes) { if ($node.TypeName.FullName -like $t) { $problems.Add((Get-Problem $node 'dotnet-core-type' "[$($node.TypeName.FullName)] does not exist in .NET Framework 4.x.")) } } }
      'TypeConstraintAst' { foreach ($t in $NewTypes) { if ($node.TypeName.FullName -like $t) { $problems.Add((Get-Problem $node 'dotnet-core-type' "[$($node.TypeName.FullName)] does not exist in .NET Framework 4.x.")) } } }
      'CommandAst' {
        $name = $node.GetCommandName()
        if (-not $name) { break }
        if ($NewCmdlets -contains $name) { $problems.Add((Get-Problem $node 'new-cmdlet' "$name is not in Windows PowerShell 5.1.")) }
        $banned = $NewParameters[$name]
        for ($i = 1; $i -lt $node.CommandElements.Count; $i++) {
          $el = $node.CommandElements[$i]
          if (-not ($el -is [System.Management.Automation.Language.CommandParameterAst])) { continue }
          if ($banned) {
            $hit = Test-Prefix $el.ParameterName $banned
            if ($hit) { $problems.Add((Get-Problem $el 'new-parameter' "$name -$hit is not in Windows PowerShell 5.1.")) }
          }
          if ($el.ParameterName -like 'Enc*') {
            $value = $el.Argument
            if (-not $value -and $i + 1 -lt $node.CommandElements.Count) { $value = $node.CommandElements[$i + 1] }
            if ($value -is [System.Management.Automation.Language.StringConstantExpressionAst] -and ($NewEncodings -contains $value.Value)) {
              $problems.Add((Get-Problem $el 'new-encoding' "-Encoding $($value.Value) is not known to Windows PowerShell 5.1."))
            }
          }
        }
        if ($name -eq 'Join-Path') {
          # Every Join-Path parameter but -Resolve takes a value; what is left over is positional. 5.1 takes two parts.
          $positional = 0
          for ($i = 1; $i -lt $node.CommandElements.Count; $i++) {
            $el = $node.CommandElements[$i]
            if ($el -is [System.Management.Automation.Language.CommandParameterAst]) {
              if (-not $el.Argument -and $el.ParameterName -notlike 'Res*') { $i++ }
            } else { $positional++ }
          }
          if ($positional -gt 2) { $problems.Add((Get-Problem $node 'new-parameter' 'Join-Path with more than two parts (-AdditionalChildPath) is PowerShell 6+; nest Join-Path.')) }
        }
      }
    }
  }
  return $problems
}

$files = foreach ($p in $Path) {
  if (Test-Path -LiteralPath $p -PathType Container) { Get-ChildItem -LiteralPath $p -Recurse -File -Filter '*.ps1' | Sort-Object FullName } else { Get-Item -LiteralPath $p }
}
# Many exported files share their text (one registry script serves six fixes): each text is checked once.
$seen = @{}
$results = foreach ($f in $files) {
  $text = [System.IO.File]::ReadAllText($f.FullName)
  if (-not $seen.ContainsKey($text)) { $seen[$text] = @(Test-Script $text) }
  [pscustomobject]@{ file = $f.FullName; problems = $seen[$text] }
}
ConvertTo-Json -InputObject @($results) -Depth 5 -Compress
