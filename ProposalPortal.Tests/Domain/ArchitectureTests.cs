using System.Reflection;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Domain;

/// <summary>The domain is plain C#: no EF Core, no ASP.NET Core, no MudBlazor in its code or its signatures.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Forbidden = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "MudBlazor", "Microsoft.Extensions"];

    [Fact]
    public void DomainSourceFilesUseNoInfrastructureNamespaces()
    {
        var domain = Path.Combine(Repository.Root, "ProposalPortal", "Domain");
        var offenders = Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Forbidden.Any(f => x.line.Contains(f, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(domain, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void DomainTypesExposeNoInfrastructureTypes()
    {
        var domainTypes = typeof(Proposal).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("ProposalPortal.Domain", StringComparison.Ordinal) == true);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offenders = domainTypes
            .SelectMany(t => t.GetFields(all).Select(f => (t, f.FieldType))
                .Concat(t.GetProperties(all).Select(p => (t, p.PropertyType)))
                .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)).Select(x => (t, x))))
            .Where(x => Forbidden.Any(f => x.Item2.FullName?.StartsWith(f, StringComparison.Ordinal) == true))
            .Select(x => $"{x.t.Name} uses {x.Item2.FullName}")
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

}
