namespace ProposalPortal.Features.Letters;

/// <summary>
/// Warns in the log at every start outside Development while the letters are signed with the self-made development
/// certificate (the administrator's pages say it too), so that it cannot go unnoticed into production.
/// </summary>
public sealed partial class UnsafeSettingsWarning(SigningCertificate certificate, IHostEnvironment environment, ILogger<UnsafeSettingsWarning> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return Task.CompletedTask;
        }

        if (certificate.WhyNotUsable() is { } problem)
        {
            CertificateUnusable(logger, problem);
        }
        else if (certificate.IsDevelopment)
        {
            DevelopmentCertificate(logger, certificate.Folder);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "答复函正在使用开发测试证书签章（位于 {Folder}），对外不具备证明效力：请由系统管理员在“签章证书”页上传本局证书，或设置 Letters:Signing:CertificatePath。")]
    private static partial void DevelopmentCertificate(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "签章证书无法使用：{Problem}")]
    private static partial void CertificateUnusable(ILogger logger, string problem);
}
