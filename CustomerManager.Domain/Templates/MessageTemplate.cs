using System.Text.RegularExpressions;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;

namespace CustomerManager.Domain.Templates;

/// <summary>A template as typed in the editor: one purpose, channel and language; the subject and HTML body are for e-mail.</summary>
public sealed record TemplateInput(
    TemplatePurpose Purpose, CommunicationChannel Channel, string? Language, string? Subject, string? Body, string? HtmlBody = null, bool IsActive = true);

/// <summary>A template that passed its checks, with what the editor should still point out (an SMS of several parts).</summary>
public sealed record TemplateCheck(string Language, string? Subject, string Body, string? HtmlBody, IReadOnlyList<string> Warnings);

/// <summary>
/// One version of the message for a purpose, channel and language (issue 16 templates). Versions are never changed:
/// saving a template adds the next version, and the newest version of each template is the one messages use (when it
/// is switched off, messages fall back to the default language's template).
/// </summary>
public class MessageTemplate
{
    public const int SubjectMaxLength = 200;
    public const int EmailBodyMaxLength = 10_000;
    public const int HtmlBodyMaxLength = 50_000;
    public const int SmsMaxLength = 612;
    public const int WhatsAppMaxLength = 4_096;
    public const int LanguageMaxLength = 10;

    /// <summary>Channels a template can be written for: the ones the system sends on.</summary>
    public static readonly IReadOnlyList<CommunicationChannel> Channels = [CommunicationChannel.Email, CommunicationChannel.Sms, CommunicationChannel.WhatsApp];

    public int Id { get; private set; }

    public TemplatePurpose Purpose { get; private set; }

    public CommunicationChannel Channel { get; private set; }

    /// <summary>"en", "af"...; "" is the default language, used when a customer's language has no template of its own.</summary>
    public string Language { get; private set; } = "";

    public int VersionNumber { get; private set; }

    public string? Subject { get; private set; }

    /// <summary>Plain text: the SMS or WhatsApp message, or the text part of an e-mail.</summary>
    public string Body { get; private set; } = "";

    /// <summary>The e-mail's HTML part, when it has one.</summary>
    public string? HtmlBody { get; private set; }

    /// <summary>Off: messages of this language use the default language's template instead.</summary>
    public bool IsActive { get; private set; }

    public string EditedBy { get; private set; } = "";

    public DateTime EditedAtUtc { get; private set; }

    public string LanguageName => LanguageLabel(Language);

    private MessageTemplate()
    {
    }

    /// <summary>A checked template as version <paramref name="versionNumber"/> of its purpose, channel and language.</summary>
    public static MessageTemplate Version(TemplateInput input, int versionNumber, string editedBy, DateTime nowUtc)
    {
        var check = TemplateRules.Check(input);
        return new MessageTemplate
        {
            Purpose = input.Purpose,
            Channel = input.Channel,
            Language = check.Language,
            VersionNumber = versionNumber,
            Subject = check.Subject,
            Body = check.Body,
            HtmlBody = check.HtmlBody,
            IsActive = input.IsActive,
            EditedBy = editedBy,
            EditedAtUtc = nowUtc,
        };
    }

    public TemplateInput ToInput() => new(Purpose, Channel, Language == "" ? null : Language, Subject, Body, HtmlBody, IsActive);

    public static string LanguageLabel(string? language) => string.IsNullOrEmpty(language) ? "Default" : language;

    /// <summary>"E-mail", "SMS", "WhatsApp": a template channel as people write it.</summary>
    public static string ChannelName(CommunicationChannel channel) => channel switch
    {
        CommunicationChannel.Email => "E-mail",
        CommunicationChannel.Sms => "SMS",
        CommunicationChannel.WhatsApp => "WhatsApp",
        _ => channel.Words(),
    };
}

/// <summary>The checks a template passes before it is saved, and free text before it is rendered.</summary>
public static partial class TemplateRules
{
    /// <summary>Checks every part (channel, language, lengths, syntax, placeholders); throws naming the first problem.</summary>
    public static TemplateCheck Check(TemplateInput input)
    {
        if (!Enum.IsDefined(input.Purpose))
        {
            throw new DomainException("Choose what the message is for.", "Purpose");
        }

        if (!MessageTemplate.Channels.Contains(input.Channel))
        {
            throw new DomainException("Templates are for e-mail, SMS or WhatsApp messages.", "Channel");
        }

        var language = NormaliseLanguage(input.Language);
        var isEmail = input.Channel == CommunicationChannel.Email;
        var maxBody = input.Channel switch
        {
            CommunicationChannel.Email => MessageTemplate.EmailBodyMaxLength,
            CommunicationChannel.Sms => MessageTemplate.SmsMaxLength,
            _ => MessageTemplate.WhatsAppMaxLength,
        };
        var subject = isEmail
            ? TextRules.Optional(input.Subject, MessageTemplate.SubjectMaxLength, "subject", "Subject")
                ?? throw new DomainException("An e-mail needs a subject.", "Subject")
            : null;
        var body = TextRules.Required(input.Body, maxBody, isEmail ? "text body" : "message", "Body");
        var html = isEmail ? TextRules.Optional(input.HtmlBody, MessageTemplate.HtmlBodyMaxLength, "HTML body", "HtmlBody") : null;

        if (subject is not null)
        {
            TemplateText.Parse(subject, input.Purpose, "subject", "Subject");
            if (subject.Contains('\n', StringComparison.Ordinal))
            {
                throw new DomainException("The subject must be one line.", "Subject");
            }
        }

        TemplateText.Parse(body, input.Purpose, isEmail ? "text body" : "message", "Body");
        if (html is not null)
        {
            TemplateText.Parse(html, input.Purpose, "HTML body", "HtmlBody");
        }

        var warnings = new List<string>();
        if (input.Channel == CommunicationChannel.Sms && SmsLength.Warning(body) is { } sms)
        {
            warnings.Add(sms);
        }

        return new TemplateCheck(language, subject, body, html, warnings);
    }

    /// <summary>"" for the default language; otherwise a lower-case code such as "en", "af" or "en-za".</summary>
    public static string NormaliseLanguage(string? language)
    {
        var code = language?.Trim().ToLowerInvariant() ?? "";
        if (code.Length == 0 || code == "default")
        {
            return "";
        }

        if (code.Length > MessageTemplate.LanguageMaxLength || !LanguageCode().IsMatch(code))
        {
            throw new DomainException($"\"{language}\" is not a language code: use two or three letters such as en or af, or leave it empty for the default.", "Language");
        }

        return code;
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})?$")]
    private static partial Regex LanguageCode();
}
