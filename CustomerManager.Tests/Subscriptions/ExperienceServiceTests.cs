using ClosedXML.Excel;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Subscriptions;
using CustomerManager.Tests.Customers;
using CustomerManager.Tests.Statements;
using CustomerManager.Tests.Support;
using CustomerManager.Web.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

public class ExperienceServiceTests(StatementAppFactory factory) : IClassFixture<StatementAppFactory>
{
    [Fact]
    public async Task A_low_nps_and_a_new_ticket_flag_the_subscription_high_with_its_reasons_at_once()
    {
        factory.Clock.Set("2026-11-10");
        var (subscription, _) = await SubscribedAsync(300m);
        using var clerk = Actors.As("clerk", Roles.Clerk);
        Assert.Equal(ChurnRisk.Low, (await Subscriptions().GetAsync(subscription.Id)).Subscription.ChurnRisk);

        var eleven = await Assert.ThrowsAsync<DomainException>(() => Experience().RecordAnswerAsync(subscription.Id, null, 11, null, null));
        Assert.Equal(("An NPS answer is from 0 to 10; 11 is not.", "NpsScore"), (eleven.Message, eleven.Field));
        Assert.Empty((await Experience().ForSubscriptionAsync(subscription.Id)).Answers);

        await Experience().RecordAnswerAsync(subscription.Id, null, 3, 2, "Keeps dropping in the evening");
        var medium = (await Subscriptions().GetAsync(subscription.Id)).Subscription;
        Assert.Equal(ChurnRisk.High, medium.ChurnRisk); // NPS 3 (+2) and satisfaction 2 (+2)
        var ticket = await Experience().OpenTicketAsync(subscription.Id, "Line drops every evening", null);
        var high = (await Subscriptions().GetAsync(subscription.Id)).Subscription;
        Assert.Equal(
            ["1 support ticket in the last 90 days (+1)", "1 ticket still open (+1)", "Last NPS answer 3 of 10 (a detractor) (+2)", "Satisfaction 2 of 5 (+2)"],
            high.ChurnReasonList);
        Assert.Equal(D("2026-11-10"), high.ChurnComputedOn);

        await Experience().CloseTicketAsync(ticket.Id, ticket.Version);
        Assert.DoesNotContain("1 ticket still open (+1)", (await Subscriptions().GetAsync(subscription.Id)).Subscription.ChurnReasonList);
        Assert.Contains("already closed on 2026-11-10", (await Assert.ThrowsAsync<DomainException>(async () =>
        {
            var closed = (await Experience().ForSubscriptionAsync(subscription.Id)).Tickets.Single();
            await Experience().CloseTicketAsync(closed.Id, closed.Version);
        })).Message);
    }

    [Fact]
    public async Task A_usage_file_with_one_bad_row_writes_nothing_and_a_good_csv_and_workbook_round_trip()
    {
        factory.Clock.Set("2026-11-10");
        var (first, _) = await SubscribedAsync(300m);
        var (second, _) = await SubscribedAsync(300m);
        using var clerk = Actors.As("clerk", Roles.Clerk);
        var bad = UsageFileReader.Read("usage.csv", UsageFileReader.WriteCsv(
        [
            [first.SubscriptionNumber, "2026-09", "150.5", "92.4", "99.95", "Netflix", "20:00-23:00"],
            ["SUB-999999", "2026-09", "10", "10", "99", "", ""],
        ]));
        var refused = await Experience().ImportUsageAsync(bad.Header, bad.Rows);
        Assert.Equal(0, refused.Imported);
        Assert.Equal(["Line 3, SubscriptionNumber: there is no subscription SUB-999999."], refused.Problems);
        Assert.Empty((await Experience().ForSubscriptionAsync(first.Id)).Usage);

        var csv = UsageFileReader.Read("usage.csv", UsageFileReader.WriteCsv(
        [
            [first.SubscriptionNumber, "2026-09", "150.5", "92.4", "99.95", "Netflix, Showmax", "20:00-23:00"],
            [first.SubscriptionNumber, "2026-10", "140", "90", "99.5", "Netflix", "19:00-22:00"],
        ]));
        Assert.Equal(new UsageImportResult(2, []), await Experience().ImportUsageAsync(csv.Header, csv.Rows));

        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("Usage");
        for (var c = 0; c < UsageFile.Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = UsageFile.Columns[c];
        }

        sheet.Cell(2, 1).Value = second.SubscriptionNumber;
        sheet.Cell(2, 2).Value = new DateTime(2026, 10, 1);
        sheet.Cell(2, 3).Value = 80.25;
        sheet.Cell(2, 4).Value = 45;
        sheet.Cell(2, 5).Value = 98.5;
        sheet.Cell(2, 6).Value = "YouTube";
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        var xlsx = UsageFileReader.Read("usage.xlsx", stream.ToArray());
        Assert.Equal(new UsageImportResult(1, []), await Experience().ImportUsageAsync(xlsx.Header, xlsx.Rows));

        var usage = (await Experience().ForSubscriptionAsync(first.Id)).Usage;
        Assert.Equal([(D("2026-10-01"), 140m, 90m, 99.5m, "Netflix"), (D("2026-09-01"), 150.5m, 92.4m, 99.95m, "Netflix, Showmax")],
            usage.Select(u => (u.Month, u.DataUsedGb, u.AverageSpeedMbps, u.UptimePercent, u.MostUsedOtt)));
        Assert.All(usage, u => Assert.Equal(UsageSource.Import, u.Source));
        var workbookRow = Assert.Single((await Experience().ForSubscriptionAsync(second.Id)).Usage);
        Assert.Equal((D("2026-10-01"), 80.25m, 45m, 98.5m, "YouTube", (string?)null),
            (workbookRow.Month, workbookRow.DataUsedGb, workbookRow.AverageSpeedMbps, workbookRow.UptimePercent, workbookRow.MostUsedOtt, workbookRow.PeakHours));

        // The same file again: every row is already recorded, nothing is written twice.
        var again = await Experience().ImportUsageAsync(csv.Header, csv.Rows);
        Assert.Equal(0, again.Imported);
        Assert.Equal(2, again.Problems.Count);
        Assert.Contains("Month", (await Assert.ThrowsAsync<DomainException>(() =>
            Experience().AddUsageAsync(first.Id, new UsageInput(D("2026-10-20"), 1m, 1m, 1m)))).Field);
    }

    [Fact]
    public async Task Nps_is_reported_per_plan_per_division_and_overall_for_the_users_divisions()
    {
        factory.Clock.Set("2026-11-10");
        var (a, planA) = await SubscribedAsync(100m);
        var (b, planB) = await SubscribedAsync(200m);
        using (Actors.As("clerk", Roles.Clerk))
        {
            foreach (var (subscription, score) in new[] { (a, 10), (a, 9), (a, 3), (b, 7), (b, 0) })
            {
                await Experience().RecordAnswerAsync(subscription.Id, D("2025-01-15"), score, score >= 7 ? 5 : 2, null);
            }
        }

        using var accountant = Actors.As("accountant", Roles.Accountant);
        var rows = await Experience().NpsAsync(D("2025-01-01"), D("2025-01-31"));
        var byPlan = rows.Where(r => r.PlanName is not null).ToDictionary(r => r.PlanName!);
        Assert.Equal((3, 2, 1, (int?)33, (decimal?)4m), (byPlan[planA.Name].Answers, byPlan[planA.Name].Promoters, byPlan[planA.Name].Detractors, byPlan[planA.Name].Score, byPlan[planA.Name].AverageSatisfaction));
        Assert.Equal((2, (int?)-50, (decimal?)3.5m), (byPlan[planB.Name].Answers, byPlan[planB.Name].Score, byPlan[planB.Name].AverageSatisfaction));
        var overall = rows.Single(r => r.PlanName is null && r.DivisionName is null);
        Assert.Equal((5, (int?)0), (overall.Answers, overall.Score)); // 2 promoters, 2 detractors of 5
        Assert.Equal((5, (int?)0), rows.Where(r => r.DivisionName == "Grocery").Select(r => (r.Answers, r.Score)).Single());

        var clothing = await CustomerTestData.DivisionIdAsync(factory.Services, "CLO");
        using var limited = Actors.AsLimitedTo([clothing], "clerk.clothing", Roles.Clerk);
        Assert.Equal(0, (await Experience().NpsAsync(D("2025-01-01"), D("2025-01-31"))).Single().Answers);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Experience().OpenTicketAsync(a.Id, "Not mine", null));
    }

    private async Task<(Subscription Subscription, Plan Plan)> SubscribedAsync(decimal price)
    {
        var grocery = await CustomerTestData.DivisionIdAsync(factory.Services, "GRO");
        Plan plan;
        using (Actors.As("admin", Roles.Admin))
        {
            plan = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<PlanService>()
                .CreateAsync(PlanInput(price) with { DivisionId = grocery, Name = "Exp " + CustomerTestData.Token() });
        }

        using var clerk = Actors.As("clerk", Roles.Clerk);
        var customer = await factory.Services.CreateScope().ServiceProvider.GetRequiredService<CustomerService>().CreateAsync(CustomerTestData.Person());
        var today = DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime);
        return (await Subscriptions().SubscribeAsync(new SubscribeInput(customer.Id, null, plan.Id, today)), plan);
    }

    private SubscriptionService Subscriptions() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<SubscriptionService>();

    private ExperienceService Experience() => factory.Services.CreateScope().ServiceProvider.GetRequiredService<ExperienceService>();
}
