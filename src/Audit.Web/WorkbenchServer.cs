using System.Net;
using System.Security.Cryptography;
using System.Text;
using Audit.Models.MLNet;
using Audit.Models.Onnx;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Audit.Web;

/// <summary>
/// The local workbench (<c>audit serve</c>, docs/workbench.md): server-rendered pages over the library's C# API,
/// listening on 127.0.0.1 only, on a free port, behind a one-time token; uploads and reports live in a temporary
/// folder deleted when the server stops.
/// </summary>
public sealed class WorkbenchServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string token;

    private WorkbenchServer(WebApplication app, string token, string workFolder, IReadOnlyList<string> addresses)
    {
        this.app = app;
        this.token = token;
        WorkFolder = workFolder;
        Addresses = addresses;
        var port = new Uri(addresses[0]).Port;
        Url = $"http://127.0.0.1:{port}/?token={token}";
        Port = port;
    }

    /// <summary>The address to open, with the one-time token.</summary>
    public string Url { get; }

    public int Port { get; }

    /// <summary>The addresses the server is bound to, as Kestrel reports them (<see cref="IServerAddressesFeature"/>).</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The temporary folder of uploads and reports, deleted at shutdown.</summary>
    public string WorkFolder { get; }

    /// <summary>The name of the cookie that carries the token after the first visit (one per port).</summary>
    public string CookieName => CookieNameOf(Port);

    internal string Token => token;

    /// <summary>Cancelled when the host is asked to stop (Ctrl+C or SIGTERM, which the host catches).</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    internal static string CookieNameOf(int port) => "audit-token-" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts the server; it runs until <see cref="DisposeAsync"/>.</summary>
    public static async Task<WorkbenchServer> StartAsync(WorkbenchOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var work = Directory.CreateTempSubdirectory("audit-serve-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = work, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            // Loopback only, never "any address": the data stays on this machine.
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = options.MaxUploadBytes;
            f.ValueLengthLimit = 1 << 20;
        });
        var app = builder.Build();
        var audit = new AuditContext();
        audit.Models.Register(new MlNetModelLoader()).Register(new OnnxModelLoader());
        var state = new WorkbenchState(options, audit, new Jobs(Path.Combine(work, "jobs")), Path.Combine(work, "uploads"));
        app.Use((context, next) => Gate(context, next, token));
        Routes.Map(app, state);
        await app.StartAsync(cancel).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
        return new WorkbenchServer(app, token, work, addresses);
    }

    /// <summary>
    /// Lets a request through only with the token: in the query (the first visit, which sets the cookie) or in the
    /// cookie; and only for a loopback Host (a page of another site that resolves its name to 127.0.0.1 is refused).
    /// </summary>
    private static Task Gate(HttpContext context, RequestDelegate next, string token)
    {
        var host = context.Request.Host.Host;
        if (host != "127.0.0.1" && host != "localhost")
        {
            return Refuse(context);
        }
        var port = context.Connection.LocalPort;
        if (Same(context.Request.Query["token"].ToString(), token))
        {
            context.Response.Cookies.Append(CookieNameOf(port), token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            return next(context);
        }
        return Same(context.Request.Cookies[CookieNameOf(port)], token) ? next(context) : Refuse(context);
    }

    private static Task Refuse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("403: this workbench answers only the address audit serve printed, with its token.\n");
    }

    private static bool Same(string? given, string token) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token));

    /// <summary>Stops the server and deletes its temporary folder (uploads and reports).</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>What the pages of one workbench share.</summary>
internal sealed record WorkbenchState(WorkbenchOptions Options, AuditContext Audit, Jobs Jobs, string UploadFolder)
{
    public Uploads Uploads { get; } = new(UploadFolder);
}
