using ProposalPortal.Data;

namespace ProposalPortal.Features.Notices;

public static class NoticeServices
{
    /// <summary>
    /// The notices of the steps (into the step's own save), their channels (the outbox and its senders), the people's
    /// preferences and the administrator's list of failures. The worker that sends is <see cref="AddNoticeOutboxWorker"/>.
    /// </summary>
    public static IServiceCollection AddPortalNotices(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<NoticeOptions>().Bind(config.GetSection(NoticeOptions.SectionName));
        services.AddSingleton<IProposalEventSavingHandler, StepNoticeHandler>();
        services.AddSingleton<NoticeOutboxSignal>();
        services.AddSingleton<IProposalEventHandler, NoticeOutboxWakeHandler>();
        services.AddSingleton<NoticeOutbox>();
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        // One client for the life of the app, its connections renewed now and then (a robot's address may move).
        services.AddSingleton<IGroupRobotSender>(_ => new WebhookRobotSender(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(15) }));
        // A bureau's SMS provider replaces this registration (README, 短信).
        services.AddSingleton<ISmsSender, LoggingSmsSender>();
        services.AddScoped<NoticePreferencesService>();
        services.AddScoped<DeliveryAdministration>();
        return services;
    }

    /// <summary>The outbox worker: sends on the node that runs the scheduled jobs.</summary>
    public static IServiceCollection AddNoticeOutboxWorker(this IServiceCollection services)
    {
        services.AddSingleton<NoticeOutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeOutboxWorker>());
        return services;
    }
}
