// The conformance oracle: real PowerShell 7.6 running many cases in one runspace.
// stdin: one case per line (JSON, see Case below); stdout: one result per line, in the same order.
// Each case: the input NDJSON lines through ConvertFrom-Json, the case's files in a fresh temporary folder
// that is the current location, the pipeline, then the result written as cspin would write it.
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

// en-US as Windows has it: ICU 72+ puts a narrow no-break space (U+202F) before AM/PM, Windows and cspin a space.
var enUS = new CultureInfo("en-US", false);
var times = enUS.DateTimeFormat;
times.LongTimePattern = times.LongTimePattern.Replace('\u202F', ' ');
times.ShortTimePattern = times.ShortTimePattern.Replace('\u202F', ' ');
times.FullDateTimePattern = times.FullDateTimePattern.Replace('\u202F', ' ');
// ICU's en-US has 3 decimals for "N"/"F"; Windows (and Format-Table's doubles) 2.
enUS.NumberFormat.NumberDecimalDigits = 2;
CultureInfo.DefaultThreadCurrentCulture = enUS;
CultureInfo.DefaultThreadCurrentUICulture = enUS;
CultureInfo.CurrentCulture = enUS;
CultureInfo.CurrentUICulture = enUS;
var defaultTz = Environment.GetEnvironmentVariable("TZ") ?? "UTC";

var state = InitialSessionState.CreateDefault2();
using var runspace = RunspaceFactory.CreateRunspace(state);
runspace.ThreadOptions = PSThreadOptions.ReuseThread;
runspace.Open();
// The functions shaped like cspin's own cmdlets (binder cases).
var functions = Path.Combine(AppContext.BaseDirectory, "functions.ps1");
using (var setup = PowerShell.Create())
{
    setup.Runspace = runspace;
    setup.AddScript(File.ReadAllText(functions)).Invoke();
    if (setup.HadErrors) Console.Error.WriteLine($"functions.ps1: {string.Join("; ", setup.Streams.Error)}");
}

var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" };
string? line;
while ((line = Console.In.ReadLine()) != null)
{
    if (line.Trim() == "") continue;
    var job = JsonNode.Parse(line)!.AsObject();
    stdout.WriteLine(Oracle.Run(runspace, job, defaultTz).ToJsonString(Oracle.ResultOptions));
    stdout.Flush();
}

static class Oracle
{
    public static readonly JsonSerializerOptions ResultOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs one case: { id, input?, files?, script, output, tz?, columns? }.</summary>
    public static JsonObject Run(Runspace runspace, JsonObject job, string defaultTz)
    {
        var result = new JsonObject { ["id"] = job["id"]?.GetValue<string>() };
        var dir = Directory.CreateTempSubdirectory("cspin-conformance-").FullName;
        try
        {
            Environment.SetEnvironmentVariable("TZ", job["tz"]?.GetValue<string>() ?? defaultTz);
            TimeZoneInfo.ClearCachedData();
            if (job["files"] is JsonObject files)
                foreach (var (name, text) in files) File.WriteAllText(Path.Combine(dir, name), text!.GetValue<string>(), new UTF8Encoding(false));
            Environment.CurrentDirectory = dir;

            var output = job["output"];
            var mode = output is JsonValue v ? v.GetValue<string>() : "file";
            var lines = (job["input"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray();
            var pipeline = job["script"]!.GetValue<string>();
            var body = lines == null ? pipeline : $"$__lines | ForEach-Object {{ ConvertFrom-Json -InputObject $_ }} | {pipeline}";
            var width = job["columns"]?.GetValue<int>() ?? 120;
            var script = mode == "text" ? $"& {{ {body}\n}} | Out-String -Width {width}" : body;

            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("Set-Location -LiteralPath $args[0]; $ErrorActionPreference = 'Continue'; $global:Error.Clear()").AddArgument(dir);
            ps.Invoke();
            ps.Commands.Clear();
            ps.Streams.ClearStreams();
            runspace.SessionStateProxy.SetVariable("__lines", lines);
            ps.AddScript(script);
            var results = new PSDataCollection<PSObject>();
            string? thrown = null;
            try
            {
                var handle = ps.BeginInvoke<PSObject, PSObject>(null, results);
                if (!handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)))
                {
                    ps.Stop();
                    result["failure"] = "PowerShell did not finish within 30 s (a prompt?)";
                }
                ps.EndInvoke(handle);
            }
            catch (RuntimeException e)
            {
                // A script-terminating error (throw, -ErrorAction Stop): the last error of the case.
                thrown = Id(e.ErrorRecord.FullyQualifiedErrorId);
            }
            var errors = new JsonArray();
            foreach (var error in ps.Streams.Error) errors.Add(Id(error.FullyQualifiedErrorId));
            if (thrown != null) errors.Add(thrown);
            result["errors"] = errors;
            Finish(result, mode, output, dir, results);
        }
        catch (Exception e)
        {
            result["failure"] = $"host: {e.GetType().Name}: {e.Message}";
        }
        finally
        {
            Environment.CurrentDirectory = Path.GetTempPath();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
        return result;
    }

    static string Id(string fullyQualified) => fullyQualified.Split(',')[0];

    static void Finish(JsonObject result, string mode, JsonNode? output, string dir, PSDataCollection<PSObject> results)
    {
        switch (mode)
        {
            case "text":
                result["text"] = string.Concat(results.Select(r => r?.BaseObject?.ToString() ?? ""));
                break;
            case "count":
                result["count"] = results.Count;
                break;
            case "objects":
                var ndjson = new StringBuilder();
                foreach (var r in results) ndjson.Append(Json(r)).Append('\n');
                result["objects"] = ndjson.ToString();
                break;
            default:
                var path = Path.Combine(dir, output!["file"]!.GetValue<string>());
                result["file"] = File.Exists(path) ? Convert.ToBase64String(File.ReadAllBytes(path)) : null;
                break;
        }
    }

    /// <summary>One value as a compact JSON line, as cspin writes it.</summary>
    public static string Json(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Write(writer, value, 0);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void Write(Utf8JsonWriter w, object? value, int depth)
    {
        var ps = value as PSObject;
        var bare = ps?.BaseObject ?? value;
        switch (bare)
        {
            case null: w.WriteNullValue(); return;
            case string s: w.WriteStringValue(s); return;
            case char c: w.WriteStringValue(c.ToString()); return;
            case bool b: w.WriteBooleanValue(b); return;
            case DateTime d: w.WriteStringValue(Iso(d.Kind == DateTimeKind.Utc ? d : d.ToUniversalTime())); return;
            case DateTimeOffset o: w.WriteStringValue(Iso(o.UtcDateTime)); return;
            case double x when double.IsNaN(x) || double.IsInfinity(x): w.WriteStringValue(x.ToString(CultureInfo.InvariantCulture)); return;
            case float x when float.IsNaN(x) || float.IsInfinity(x): w.WriteStringValue(x.ToString(CultureInfo.InvariantCulture)); return;
            case double x: w.WriteNumberValue(x); return;
            case float x: w.WriteNumberValue(x); return;
            case decimal x: w.WriteNumberValue(x); return;
            case System.Numerics.BigInteger x: w.WriteRawValue(x.ToString(CultureInfo.InvariantCulture)); return;
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                w.WriteRawValue(Convert.ToString(bare, CultureInfo.InvariantCulture)!); return;
            case Enum e: w.WriteStringValue(e.ToString()); return;
            case ScriptBlock sb: w.WriteStringValue(sb.ToString()); return;
        }
        if (depth > 8) { w.WriteStringValue(bare.ToString()); return; }
        if (bare is IDictionary dict)
        {
            w.WriteStartObject();
            foreach (DictionaryEntry entry in dict) { w.WritePropertyName(entry.Key.ToString()!); Write(w, entry.Value, depth + 1); }
            w.WriteEndObject();
            return;
        }
        if (bare is IEnumerable list)
        {
            w.WriteStartArray();
            foreach (var item in list) Write(w, item, depth + 1);
            w.WriteEndArray();
            return;
        }
        var obj = ps ?? PSObject.AsPSObject(bare);
        w.WriteStartObject();
        var typeName = obj.TypeNames.Count > 0 ? obj.TypeNames[0] : null;
        // A custom object's own type name, or a .NET output type cspin writes as a record (GroupInfo).
        var named = (bare is PSCustomObject && typeName != "System.Management.Automation.PSCustomObject") || Orders.ContainsKey(bare.GetType().FullName!);
        if (named && typeName != null && obj.Properties["PSTypeName"] == null)
        {
            w.WritePropertyName("PSTypeName");
            w.WriteStringValue(typeName);
        }
        foreach (var property in Ordered(obj, bare))
        {
            object? v;
            try { v = property.Value; } catch (Exception) { v = null; }
            w.WritePropertyName(property.Name);
            Write(w, v, depth + 1);
        }
        w.WriteEndObject();
    }

    /// <summary>The order cspin writes a .NET output type's properties in, where it differs from .NET's.</summary>
    static readonly Dictionary<string, string[]> Orders = new()
    {
        ["Microsoft.PowerShell.Commands.GroupInfo"] = ["Count", "Name", "Group", "Values"],
        ["Microsoft.PowerShell.Commands.GroupInfoNoElement"] = ["Count", "Name", "Group", "Values"],
    };

    /// <summary>A custom object's properties in order; a .NET object's in declaration order, or cspin's (Orders).</summary>
    static IEnumerable<PSPropertyInfo> Ordered(PSObject obj, object bare)
    {
        if (bare is PSCustomObject) return obj.Properties;
        var all = obj.Properties.Where(p => p.IsGettable).ToList();
        if (!Orders.TryGetValue(bare.GetType().FullName!, out var order)) return all;
        var first = order.Select(n => all.FirstOrDefault(p => p.Name == n)).OfType<PSPropertyInfo>().ToList();
        return first.Concat(all.Where(p => !first.Contains(p)));
    }

    static string Iso(DateTime d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
