using System.CommandLine;
using System.Globalization;
using Audit.Web;

namespace Audit.Cli;

/// <summary><c>audit serve</c>: the local web workbench (docs/workbench.md), until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Build(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default: a free port, printed).", DefaultValueFactory = _ => 0 };
        var maxUpload = new Option<string?>("--max-upload") { Description = "Largest upload accepted, in bytes or with K, M or G (default and most: 1G)." };
        var plans = new Option<string>("--plans") { Description = "Folder of the shipped plans offered on the first page.", DefaultValueFactory = _ => Path.Combine("datasets", "plans") };
        var models = new Option<string>("--models") { Description = "Folder of the model specs offered for your own data.", DefaultValueFactory = _ => "models" };
        var peopleReal = new Option<bool>("--people-real") { Description = "Allow lists of flagged people and their letters for real subjects (off by default, as the per-person export)." };
        var command = new Command("serve", """
            Start the local workbench: a web page on this computer only (127.0.0.1, a one-time token in the
            address) to run a shipped plan or your own data file, read the verdicts, drill into groups and
            download the report. Uploaded files and reports live in a temporary folder deleted at the end.

            Example:
              audit serve                      then open the address it prints; Ctrl+C to stop
              audit serve --max-upload 200M
            """);
        command.Options.Add(port);
        command.Options.Add(maxUpload);
        command.Options.Add(plans);
        command.Options.Add(models);
        command.Options.Add(peopleReal);
        command.SetAction(parse =>
        {
            var options = new WorkbenchOptions
            {
                Port = parse.GetValue(port),
                MaxUploadBytes = MaxUpload(parse.GetValue(maxUpload)),
                PlansFolder = Path.GetFullPath(parse.GetValue(plans)!),
                GrantedRoot = Directory.GetCurrentDirectory(),
                ModelsFolder = Path.GetFullPath(parse.GetValue(models)!),
                AllowRealPeople = parse.GetValue(peopleReal),
            };
            return Serve(context, options);
        });
        return command;
    }

    private static int Serve(CliContext context, WorkbenchOptions options)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            var server = WorkbenchServer.StartAsync(options).GetAwaiter().GetResult();
            context.Out.WriteLine($"Audit workbench: open {server.Url}");
            context.Out.WriteLine("It answers on this computer only; Ctrl+C stops it and deletes its uploads and reports, kept meanwhile in:");
            context.Out.WriteLine("  " + server.WorkFolder);
            context.Out.Flush();
            // Ctrl+C and SIGTERM reach the host first (it stops itself); Ctrl+C also cancels here.
            WaitHandle.WaitAny([stop.Token.WaitHandle, server.Stopping.WaitHandle]);
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return ExitCodes.Success;
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }

    /// <summary>Reads 1048576, 500K, 200M or 1G; never more than the default 1 GiB (the flag may only lower it).</summary>
    internal static long MaxUpload(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return WorkbenchOptions.DefaultMaxUploadBytes;
        }
        var t = text.Trim().ToUpperInvariant();
        var factor = t[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1L };
        var digits = factor == 1 ? t : t[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > WorkbenchOptions.DefaultMaxUploadBytes / factor)
        {
            throw new AuditInputException("--max-upload must be a size above 0 and at most 1G", keyPath: "--max-upload", expected: "bytes, or a number with K, M or G, at most 1G", found: text,
                hint: "for example --max-upload 200M");
        }
        return n * factor;
    }
}
