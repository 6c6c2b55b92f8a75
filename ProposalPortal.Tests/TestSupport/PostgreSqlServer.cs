using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// The PostgreSQL server the tests use: the connection string in <c>PORTAL_TEST_POSTGRESQL</c> (a user allowed to
/// create databases; <c>.ci/test</c> starts a private cluster and sets it). Each test portal gets a database of its own,
/// created with a random name and dropped afterwards. Without the variable the PostgreSQL tests are skipped, saying
/// why, except in CI (<c>CI=true</c>), where a missing server fails them: nothing passes without having run.
/// </summary>
public static class PostgreSqlServer
{
    public const string Variable = "PORTAL_TEST_POSTGRESQL";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests do not run here, or null when they run (or must, in CI).</summary>
    public static string? SkipReason => ConnectionString is null && !InCi
        ? $"未配置 PostgreSQL：设置环境变量 {Variable}（例如 Host=/tmp/pg;Port=5432;Username=postgres）后运行；CI 中必须配置"
        : null;

    private static string Server => ConnectionString
        ?? throw new InvalidOperationException($"CI=true 但没有设置 {Variable}：PostgreSQL 上的测试不能不运行就通过");

    /// <summary>A new, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "pp_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Marks a test class (the PostgreSQL half of a pair) whose tests need <see cref="PostgreSqlServer"/>.</summary>
public interface IPostgreSqlTests;

/// <summary>
/// A fact that runs once per derived class: in the class of a PostgreSQL pair (<see cref="IPostgreSqlTests"/>) it is
/// skipped, with the reason, when no server is configured outside CI.
/// </summary>
[XunitTestCaseDiscoverer("ProposalPortal.Tests.TestSupport.ProviderFactDiscoverer", "ProposalPortal.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;

/// <summary>The same for a theory: each data row is skipped with the reason.</summary>
[XunitTestCaseDiscoverer("ProposalPortal.Tests.TestSupport.ProviderTheoryDiscoverer", "ProposalPortal.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderTheoryAttribute : TheoryAttribute;

public sealed class ProviderFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        yield return ProviderSkip.For(testMethod) is { } reason
            ? new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)
            : new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
    }
}

public sealed class ProviderTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        if (ProviderSkip.For(testMethod) is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }

        return base.Discover(discoveryOptions, testMethod, theoryAttribute);
    }
}

internal static class ProviderSkip
{
    public static string? For(ITestMethod testMethod) =>
        typeof(IPostgreSqlTests).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType()) ? PostgreSqlServer.SkipReason : null;
}
