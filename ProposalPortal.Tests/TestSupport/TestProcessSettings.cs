using System.Runtime.CompilerServices;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>Settings of the test process itself, made once before any test runs.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// The suite starts hundreds of app hosts, many alive at once; each would watch its appsettings files for changes,
    /// one inotify instance per watcher, and Linux allows a user 128. No test edits those files while a host runs, so
    /// the hosts read them once (the app's own settings in the database are unaffected).
    /// </summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: the setting must precede every host the tests start.")]
    internal static void Apply() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
