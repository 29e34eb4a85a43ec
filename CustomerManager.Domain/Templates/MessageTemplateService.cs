using System.Collections.Concurrent;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Communications;
using Fluid;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Templates;

/// <summary>The newest version of one template, with how many versions it has had.</summary>
public sealed record TemplateSummary(MessageTemplate Current, int Versions);

/// <summary>Which templates the admin list shows.</summary>
public sealed record TemplateFilter(TemplatePurpose? Purpose = null, CommunicationChannel? Channel = null, string? Language = null);

/// <summary>
/// A template rendered for a real customer: the message, the placeholders filled with example values (the customer has
/// no such record, or it is not about one), and the warnings of the template's check.
/// </summary>
public sealed record TemplatePreview(RenderedMessage Message, IReadOnlyList<string> ExampleValues, IReadOnlyList<string> Warnings);

/// <summary>
/// Message templates (issue 16): admins list, edit (each save a new version) and preview them; everyone who sends
/// messages renders them, and free text typed by a user goes through the same placeholder rules. The outbox calls
/// <see cref="RenderAsync"/> with values it formatted itself.
/// </summary>
public sealed class MessageTemplateService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    /// <summary>Parsed templates by their text (a version never changes; bulk sends parse each template once).</summary>
    private static readonly ConcurrentDictionary<(TemplatePurpose, CommunicationChannel, string?, string, string?), Parsed> ParsedVersions = new();

    private sealed record Parsed(IFluidTemplate? Subject, IFluidTemplate Body, IFluidTemplate? Html);

    /// <summary>The current version of each template, by purpose, channel and language.</summary>
    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(TemplateFilter filter, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var language = filter.Language is null ? null : TemplateRules.NormaliseLanguage(filter.Language);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var rows = await db.MessageTemplates.AsNoTracking()
            .Where(t => (filter.Purpose == null || t.Purpose == filter.Purpose) && (filter.Channel == null || t.Channel == filter.Channel)
                        && (language == null || t.Language == language))
            .ToListAsync(cancellationToken);
        return rows.GroupBy(t => (t.Purpose, t.Channel, t.Language))
            .Select(g => new TemplateSummary(g.MaxBy(t => t.VersionNumber)!, g.Count()))
            .OrderBy(s => s.Current.Purpose).ThenBy(s => s.Current.Channel).ThenBy(s => s.Current.Language)
            .ToList();
    }

    /// <summary>Every version of one template, newest first.</summary>
    public async Task<IReadOnlyList<MessageTemplate>> HistoryAsync(
        TemplatePurpose purpose, CommunicationChannel channel, string? language, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var code = TemplateRules.NormaliseLanguage(language);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await db.MessageTemplates.AsNoTracking()
            .Where(t => t.Purpose == purpose && t.Channel == channel && t.Language == code)
            .OrderByDescending(t => t.VersionNumber).ToListAsync(cancellationToken);
    }

    /// <summary>The checks a save makes, without saving: the editor shows the problem or the warnings as the admin types.</summary>
    public TemplateCheck Check(TemplateInput input)
    {
        currentUser.Require(Roles.Admin);
        return TemplateRules.Check(input);
    }

    /// <summary>Saves the template as its next version (the first for a new purpose, channel and language).</summary>
    public async Task<MessageTemplate> SaveAsync(TemplateInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        TemplateRules.Check(input);
        var language = TemplateRules.NormaliseLanguage(input.Language);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var latest = await db.MessageTemplates
            .Where(t => t.Purpose == input.Purpose && t.Channel == input.Channel && t.Language == language)
            .MaxAsync(t => (int?)t.VersionNumber, cancellationToken) ?? 0;
        var template = MessageTemplate.Version(input, latest + 1, currentUser.UserName, clock.UtcNow);
        db.MessageTemplates.Add(template);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new ConcurrencyConflictException("Someone else saved a new version of this template at the same moment. Reload to see it.");
        }

        return template;
    }

    /// <summary>
    /// The template (as typed, not yet saved) rendered for a real customer: their names, number and balance, their
    /// newest layby, account and statement numbers; other placeholders show example values.
    /// </summary>
    public async Task<TemplatePreview> PreviewAsync(TemplateInput input, int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Roles.Admin);
        var check = TemplateRules.Check(input);
        var values = await ValuesForCustomerAsync(customerId, cancellationToken);
        values = values.With(await RecordValuesAsync(customerId, cancellationToken));
        var examples = TemplatePlaceholders.For(input.Purpose).Where(p => !values.Values.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        values = new MessageValues(TemplatePlaceholders.Examples()).With(values.Values);
        var parsed = ParseChecked(input.Purpose, input.Channel, check.Subject, check.Body, check.HtmlBody);
        return new TemplatePreview(Render(parsed, values), examples, check.Warnings);
    }

    /// <summary>
    /// The newest version for the purpose, channel and language, rendered with <paramref name="values"/>; without an
    /// active template in that language, the default language's. Throws a <see cref="DomainException"/> when neither exists.
    /// </summary>
    public async Task<RenderedMessage> RenderAsync(
        TemplatePurpose purpose, CommunicationChannel channel, string? language, MessageValues values, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        var template = await CurrentAsync(purpose, channel, language, cancellationToken)
            ?? throw new DomainException(
                $"There is no active {MessageTemplate.ChannelName(channel)} template for {TextRules.Words(purpose.ToString())} messages. An admin adds one under Message templates.");
        var parsed = ParsedVersions.GetOrAdd((template.Purpose, template.Channel, template.Subject, template.Body, template.HtmlBody),
            key => ParseChecked(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5));
        return Render(parsed, values);
    }

    /// <summary>The template <see cref="RenderAsync"/> would use, or null.</summary>
    public async Task<MessageTemplate?> CurrentAsync(
        TemplatePurpose purpose, CommunicationChannel channel, string? language, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        string code;
        try
        {
            code = TemplateRules.NormaliseLanguage(language);
        }
        catch (DomainException)
        {
            // A preference that is no language code ("English") gets the default language.
            code = "";
        }

        await using var db = await dbFactory.OpenAsync(cancellationToken);
        foreach (var candidate in code == "" ? [""] : new[] { code, "" })
        {
            var newest = await db.MessageTemplates.AsNoTracking()
                .Where(t => t.Purpose == purpose && t.Channel == channel && t.Language == candidate)
                .OrderByDescending(t => t.VersionNumber).FirstOrDefaultAsync(cancellationToken);
            if (newest is { IsActive: true })
            {
                return newest;
            }
        }

        return null;
    }

    /// <summary>Free text typed by a user (one customer's message): the same placeholder rules and checks as a free-text template.</summary>
    public RenderedMessage RenderText(string? subject, string body, CommunicationChannel channel, MessageValues values)
    {
        currentUser.Require([.. Roles.All]);
        var check = TemplateRules.Check(new TemplateInput(TemplatePurpose.FreeText, channel, null, subject, body));
        return Render(ParseChecked(TemplatePurpose.FreeText, channel, check.Subject, check.Body, check.HtmlBody), values);
    }

    /// <summary>
    /// The customer-level values: names, customer number, the business's name and the balance owed on all accounts (in
    /// the divisions the user works in).
    /// </summary>
    public async Task<MessageValues> ValuesForCustomerAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotFoundException("That customer does not exist.");
        var business = await db.Businesses.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Name, b.Currency }).FirstAsync(cancellationToken);
        var mine = currentUser.DivisionIds;
        var balances = await db.DivisionAccounts.Where(a => a.CustomerId == customerId && (mine == null || mine.Contains(a.DivisionId)))
            .Select(a => a.Balance).ToListAsync(cancellationToken);
        return MessageValues.ForCustomer(customer, business.Name, MessageValues.FormatMoney(business.Currency, balances.Sum()));
    }

    /// <summary>The numbers of the customer's newest layby, account and statement (in the user's divisions), for previews.</summary>
    private async Task<Dictionary<string, string?>> RecordValuesAsync(int customerId, CancellationToken cancellationToken)
    {
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var layby = await db.Laybys.AsNoTracking().Where(l => l.CustomerId == customerId && (mine == null || mine.Contains(l.DivisionId)))
            .OrderByDescending(l => l.Id).Select(l => l.LaybyNumber).FirstOrDefaultAsync(cancellationToken);
        var account = await (from a in db.DivisionAccounts.AsNoTracking()
                             join d in db.Divisions on a.DivisionId equals d.Id
                             where a.CustomerId == customerId && (mine == null || mine.Contains(a.DivisionId))
                             orderby a.Id
                             select new { a.AccountNumber, d.Name }).FirstOrDefaultAsync(cancellationToken);
        var statement = await db.Statements.AsNoTracking().Where(s => s.CustomerId == customerId)
            .OrderByDescending(s => s.Id).Select(s => s.Number).FirstOrDefaultAsync(cancellationToken);
        if (layby is not null)
        {
            values["LaybyNumber"] = layby;
        }

        if (account is not null)
        {
            values["AccountNumber"] = account.AccountNumber;
            values["DivisionName"] = account.Name;
        }

        if (statement is not null)
        {
            values["StatementNumber"] = statement;
        }

        return values;
    }

    private static Parsed ParseChecked(TemplatePurpose purpose, CommunicationChannel channel, string? subject, string body, string? html) =>
        new(subject is null ? null : TemplateText.Parse(subject, purpose, "subject", "Subject"),
            TemplateText.Parse(body, purpose, channel == CommunicationChannel.Email ? "text body" : "message", "Body"),
            html is null ? null : TemplateText.Parse(html, purpose, "HTML body", "HtmlBody"));

    private static RenderedMessage Render(Parsed parsed, MessageValues values) =>
        new(parsed.Subject is null ? null : TemplateText.Render(parsed.Subject, values, html: false).ReplaceLineEndings(" ").Trim(),
            TemplateText.Render(parsed.Body, values, html: false),
            parsed.Html is null ? null : TemplateText.Render(parsed.Html, values, html: true));
}
