using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// Private instances of the servers Debian packages (redis-server, PostgreSQL 15, nginx), started by the tests on free
/// loopback ports in temporary folders and stopped on dispose: no containers, no system services. `.ci/test` installs
/// the packages; a missing one fails the test with a message saying so, in CI and here alike, never a silent pass.
/// </summary>
public static class PrivateServers
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The full path of <paramref name="name"/> (on the PATH or among <paramref name="alsoIn"/>), or a failure naming the package.</summary>
    public static string Require(string name, string package, params string[] alsoIn)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(["/usr/sbin", "/sbin"]).Concat(alsoIn);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not installed: install Debian's {package} (`.ci/test` does)");
    }

    public static async Task WaitForPortAsync(int port, Process? process, string what, TimeSpan? patience = null)
    {
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && process is not { HasExited: true })
            {
                await Task.Delay(50);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"{what} did not start on port {port}", e);
            }
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public static async Task RunOrThrowAsync(string file, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(file, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({exitCode}): {output}");
        }
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}

/// <summary>A private redis-server: no persistence, loopback only.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = PrivateServers.Require("redis-server", "redis-server");
        var port = PrivateServers.FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await PrivateServers.WaitForPortAsync(port, process, "redis-server");
        return new RedisServer(process, port);
    }

    public ValueTask DisposeAsync()
    {
        PrivateServers.Stop(_process);
        return ValueTask.CompletedTask;
    }
}
