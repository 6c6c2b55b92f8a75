namespace ProposalPortal.Tests.TestSupport;

/// <summary>The repository's root folder (where ProposalPortal.sln is), found from the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>
    /// test-artifacts/ at the root, created on first use: what tests write there for a person to look at (screenshots,
    /// rendered pages). Every writer goes through here, so no test depends on another having created the folder.
    /// </summary>
    public static string Artifacts
    {
        get
        {
            var folder = Path.Combine(Root, "test-artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProposalPortal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ProposalPortal.sln not found above the test binaries");
    }
}
