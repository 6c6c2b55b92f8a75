using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Statistics;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

/// <summary>appsettings.sample.json documents every setting, with the defaults the code really uses.</summary>
public sealed class SampleSettingsTests
{
    private static readonly IConfiguration Sample = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Repository.Root, "appsettings.sample.json"), optional: false)
        .Build();

    public static TheoryData<Type, string> OptionsClasses() => new()
    {
        { typeof(PortalOptions), PortalOptions.SectionName },
        { typeof(DemoOptions), DemoOptions.SectionName },
        { typeof(ProposalPortal.Features.Account.AdminOptions), ProposalPortal.Features.Account.AdminOptions.SectionName },
        { typeof(DeadlineOptions), DeadlineOptions.SectionName },
        { typeof(WorkflowOptions), WorkflowOptions.SectionName },
        { typeof(StatisticsOptions), StatisticsOptions.SectionName },
        { typeof(ProposalPortal.Features.Publication.PublicOptions), ProposalPortal.Features.Publication.PublicOptions.SectionName },
        { typeof(ProposalPortal.Features.Proposals.Attachments.AttachmentOptions), ProposalPortal.Features.Proposals.Attachments.AttachmentOptions.SectionName },
        { typeof(ProposalPortal.Features.Supervision.SupervisionOptions), ProposalPortal.Features.Supervision.SupervisionOptions.SectionName },
        { typeof(ProposalPortal.Features.Api.ApiOptions), ProposalPortal.Features.Api.ApiOptions.SectionName },
        { typeof(ProposalPortal.Features.Letters.LetterOptions), ProposalPortal.Features.Letters.LetterOptions.SectionName },
        { typeof(ProposalPortal.Features.Letters.LetterFontOptions), ProposalPortal.Features.Letters.LetterOptions.SectionName + ":Fonts" },
        { typeof(ProposalPortal.Features.Letters.LetterSigningOptions), ProposalPortal.Features.Letters.LetterOptions.SectionName + ":Signing" },
        { typeof(ProposalPortal.Features.Letters.FormOptions), ProposalPortal.Features.Letters.FormOptions.SectionName },
        { typeof(ProposalPortal.Features.Account.SignInLimitOptions), ProposalPortal.Features.Account.SignInLimitOptions.SectionName },
        { typeof(ProposalPortal.Features.Common.ProxyOptions), ProposalPortal.Features.Common.ProxyOptions.SectionName },
        { typeof(ProposalPortal.Features.Backup.KeyStorageOptions), ProposalPortal.Features.Backup.KeyStorageOptions.SectionName },
        { typeof(ProposalPortal.Features.Backup.BackupOptions), ProposalPortal.Features.Backup.BackupOptions.SectionName },
        { typeof(ProposalPortal.Features.Nodes.NodeOptions), ProposalPortal.Features.Nodes.NodeOptions.SectionName },
        { typeof(ProposalPortal.Data.DatabaseOptions), ProposalPortal.Data.DatabaseOptions.SectionName },
        { typeof(ProposalPortal.Features.Notices.NoticeOptions), ProposalPortal.Features.Notices.NoticeOptions.SectionName },
        { typeof(ProposalPortal.Features.Notices.SmtpOptions), ProposalPortal.Features.Notices.NoticeOptions.SectionName + ":Smtp" },
    };

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void EverySettingIsInTheSampleWithItsDefault(Type type, string section)
    {
        var documented = Sample.GetSection(section).GetChildren().Select(c => c.Key).ToHashSet();
        foreach (var property in type.GetProperties().Where(p => p.CanWrite))
        {
            Assert.True(documented.Contains(property.Name), $"{section}:{property.Name} is missing from appsettings.sample.json");
        }

        var bound = Sample.GetSection(section).Get(type)!;
        var defaults = Activator.CreateInstance(type)!;
        Assert.Equal(JsonSerializer.Serialize(defaults, type), JsonSerializer.Serialize(bound, type));
    }

    [Fact]
    public void TheSampleIsForARealDeploymentWithoutDemoData()
    {
        Assert.Equal("false", Sample["Demo:Enabled"], ignoreCase: true);
        Assert.NotNull(Sample.GetConnectionString("Portal"));
    }

}
