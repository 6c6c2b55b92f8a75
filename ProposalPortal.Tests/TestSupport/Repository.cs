namespace ProposalPortal.Tests.TestSupport;

/// <summary>The repository's root folder (where ProposalPortal.sln is), found from the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

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
