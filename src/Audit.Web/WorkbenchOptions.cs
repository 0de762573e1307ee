namespace Audit.Web;

/// <summary>What <c>audit serve</c> is started with (docs/workbench.md).</summary>
public sealed record WorkbenchOptions
{
    /// <summary>The default upload limit: 1 GiB (issue 23); <c>--max-upload</c> may lower it.</summary>
    public const long DefaultMaxUploadBytes = 1L << 30;

    /// <summary>The folder of the shipped plans offered on the first page (datasets/plans of the repository).</summary>
    public string? PlansFolder { get; init; }

    /// <summary>The folder the shipped plans may reach (their <c>root</c> key): the repository's root, as <c>--root .</c> grants.</summary>
    public string? GrantedRoot { get; init; }

    /// <summary>The folder of the shipped model specs offered for uploaded data (models/ of the repository).</summary>
    public string? ModelsFolder { get; init; }

    /// <summary>The port on 127.0.0.1; 0 (the default) lets the system pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>The largest request body (an upload) accepted, in bytes.</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>Lists of flagged people for real subjects (<c>data.subjects: real</c>): off by default, as the per-person export (<c>--people-real</c>).</summary>
    public bool AllowRealPeople { get; init; }
}
