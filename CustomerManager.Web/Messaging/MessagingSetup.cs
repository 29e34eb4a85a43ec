using CustomerManager.Domain.Communications;
using CustomerManager.Domain.Messaging;

namespace CustomerManager.Web.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// The outbox, its sender and the transports the configuration names: SMTP when <c>Messaging:Smtp:Host</c> is set,
    /// else the pickup folder under the data folder; an HTTP provider each for SMS and WhatsApp when their URL is set.
    /// </summary>
    public static void AddMessaging(this WebApplicationBuilder builder, string dataFolder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        if (options.PickupFolder.Length == 0)
        {
            options.PickupFolder = Path.Combine(dataFolder, "mail-pickup");
        }

        services.AddSingleton(options);
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxService>();
        services.AddScoped<MessageService>();
        services.AddScoped<ServiceMessageService>();
        services.AddScoped<BulkMessageService>();
        services.AddScoped<AutomaticReminders>();
        services.AddScoped<MonthlyStatementRun>();
        services.AddSingleton(new MonthlyStatementSettings(builder.Configuration.GetValue("Statements:AutoRunDay", 1)));
        services.AddScoped<ICollectionsAssignees, CollectionsAssignees>();
        services.AddSingleton<IMessageAttachments, MessageAttachments>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHttpClient(HttpTextMessageTransport.HttpClientName);
        if (options.Smtp.Host.Length > 0)
        {
            services.AddSingleton<IMessageTransport>(sp => new SmtpEmailTransport(options.Smtp, sp.GetRequiredService<ILogger<SmtpEmailTransport>>()));
        }
        else
        {
            services.AddSingleton<IMessageTransport>(new PickupFolderEmailTransport(options.PickupFolder, options.Smtp));
        }

        services.AddSingleton<IMessageTransport>(sp => new HttpTextMessageTransport(
            CommunicationChannel.Sms, options.Sms, sp.GetRequiredService<IHttpClientFactory>()));
        services.AddSingleton<IMessageTransport>(sp => new HttpTextMessageTransport(
            CommunicationChannel.WhatsApp, options.WhatsApp, sp.GetRequiredService<IHttpClientFactory>()));
        services.AddHostedService<OutboxSender>();
    }
}
