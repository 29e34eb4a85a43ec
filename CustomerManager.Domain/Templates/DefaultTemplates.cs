using CustomerManager.Domain.Communications;

namespace CustomerManager.Domain.Templates;

/// <summary>
/// The templates a new installation starts with: every purpose by e-mail and SMS, in English as the default language.
/// Seeding adds the ones missing, as version 1 by "system"; admins then edit them as new versions.
/// </summary>
public static class DefaultTemplates
{
    public static readonly IReadOnlyList<TemplateInput> All =
    [
        Email(TemplatePurpose.Receipt, "Receipt {{ReceiptNumber}} from {{BusinessName}}",
            """
            Dear {{FirstName}},

            Thank you for your payment of {{Amount}} to {{DivisionName}}. Your receipt number is {{ReceiptNumber}}.
            The balance still owed is {{Balance}}.

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.Receipt, "{{BusinessName}}: payment of {{Amount}} received, receipt {{ReceiptNumber}}. Balance {{Balance}}. Thank you."),
        Email(TemplatePurpose.LaybyInstalmentReminder, "Layby {{LaybyNumber}}: instalment due {{DueDate}}",
            """
            Dear {{FirstName}},

            This is a reminder that an instalment of {{AmountDue}} on layby {{LaybyNumber}} at {{DivisionName}} is due on {{DueDate}}.
            The layby balance is {{Balance}}.

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.LaybyInstalmentReminder, "{{BusinessName}}: layby {{LaybyNumber}} instalment of {{AmountDue}} is due on {{DueDate}}. Balance {{Balance}}."),
        Email(TemplatePurpose.OverdueAccountReminder, "Account {{AccountNumber}} is overdue",
            """
            Dear {{FirstName}},

            Our records show that {{AmountDue}} on your {{DivisionName}} account {{AccountNumber}} was due on {{DueDate}} and is still unpaid.
            Please pay as soon as possible, or contact us if you have already paid.

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.OverdueAccountReminder, "{{BusinessName}}: {{AmountDue}} on account {{AccountNumber}} was due on {{DueDate}}. Please pay or contact us."),
        Email(TemplatePurpose.AccountDueReminder, "{{AmountDue}} due on {{DueDate}}: account {{AccountNumber}}",
            """
            Dear {{FirstName}},

            This is a reminder that {{AmountDue}} on your {{DivisionName}} account {{AccountNumber}} falls due on {{DueDate}}.
            The account balance is {{Balance}}.

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.AccountDueReminder, "{{BusinessName}}: {{AmountDue}} on account {{AccountNumber}} is due on {{DueDate}}. Balance {{Balance}}."),
        Email(TemplatePurpose.StatementReady, "Your statement {{StatementNumber}}",
            """
            Dear {{FirstName}},

            Your statement {{StatementNumber}} for {{DivisionName}} account {{AccountNumber}} is attached.
            Amount due: {{AmountDue}}, by {{DueDate}}.

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.StatementReady, "{{BusinessName}}: statement {{StatementNumber}} for account {{AccountNumber}}: {{AmountDue}} due by {{DueDate}}."),
        Email(TemplatePurpose.CreditDecision, "Your credit application at {{DivisionName}}",
            """
            Dear {{FirstName}},

            Your credit application at {{DivisionName}} has been {{Decision}}.{% if Amount != "" %} Credit limit: {{Amount}}.{% endif %}

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.CreditDecision, "{{BusinessName}}: your credit application at {{DivisionName}} has been {{Decision}}."),
        Email(TemplatePurpose.Welcome, "Welcome to {{BusinessName}}",
            """
            Dear {{FirstName}},

            Welcome to {{BusinessName}}. Your customer number is {{CustomerNumber}}; please quote it when you contact us.

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.Welcome, "Welcome to {{BusinessName}}, {{FirstName}}. Your customer number is {{CustomerNumber}}."),
        Email(TemplatePurpose.FreeText, "A message from {{BusinessName}}",
            """
            Dear {{FirstName}},



            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.FreeText, "{{BusinessName}}: "),
        Email(TemplatePurpose.SubscriptionInvoice, "Invoice for {{PlanName}}: {{Amount}} due on {{DueDate}}",
            """
            Dear {{FirstName}},

            Your subscription {{SubscriptionNumber}} to {{PlanName}} has been charged {{Amount}} for {{Period}}
            on your {{DivisionName}} account {{AccountNumber}}. Please pay by {{DueDate}}.
            The account balance is {{Balance}}.

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.SubscriptionInvoice, "{{BusinessName}}: {{PlanName}} {{Amount}} for {{Period}} charged to account {{AccountNumber}}, due {{DueDate}}."),
        Email(TemplatePurpose.MembershipWelcome, "Welcome to {{DivisionName}} membership",
            """
            Dear {{FirstName}},

            Your {{DivisionName}} account {{AccountNumber}} is now a member account. Thank you for shopping with us.

            Kind regards,
            {{BusinessName}}
            """),
        Sms(TemplatePurpose.MembershipWelcome, "{{BusinessName}}: welcome! Your {{DivisionName}} account {{AccountNumber}} is now a member account."),
    ];

    private static TemplateInput Email(TemplatePurpose purpose, string subject, string body) =>
        new(purpose, CommunicationChannel.Email, null, subject, body);

    private static TemplateInput Sms(TemplatePurpose purpose, string body) => new(purpose, CommunicationChannel.Sms, null, null, body);
}
