using CustomerManager.Domain.Subscriptions;
using static CustomerManager.Tests.Subscriptions.SubscriptionBuilders;

namespace CustomerManager.Tests.Subscriptions;

public class UsageFileTests
{
    private static readonly DateOnly Today = D("2026-11-30");

    private static UsageFileRow Row(int line, params string[] cells) => new(line, cells);

    [Fact]
    public void Wrong_columns_are_named_and_nothing_is_read()
    {
        var (entries, problems) = UsageFile.Read(["SubscriptionNumber", "Month", "DataUsedMb", "AverageSpeedMbps", "UptimePercent", "MostUsedOtt", "PeakHours"],
            [Row(2, "SUB-000001", "2026-10", "1000", "50", "99", "", "")], Today);
        Assert.Empty(entries);
        Assert.Equal(["The columns must be SubscriptionNumber, Month, DataUsedGb, AverageSpeedMbps, UptimePercent, MostUsedOtt, PeakHours in this order (missing DataUsedGb; unknown \"DataUsedMb\")."], problems);
    }

    [Fact]
    public void Every_bad_cell_is_reported_with_its_line_and_column_and_no_row_is_returned()
    {
        var (entries, problems) = UsageFile.Read(UsageFile.Columns,
        [
            Row(2, "SUB-000001", "2026-10", "120.5", "85", "99.9", "Netflix", "20:00-23:00"),
            Row(3, "SUB-000002", "10/2026", "12 GB", "85", "99.9", "", ""),
            Row(4, "SUB-000003", "2027-01", "10", "85", "100.5", "", ""),
            Row(5, "sub-000001", "2026-10-15", "1", "1", "1", "", ""),
            Row(6, "SUB-000004", "2026-09", "abc", "-1", "99", "", ""),
        ], Today);
        Assert.Empty(entries);
        Assert.Equal(
        [
            "Line 3, Month: \"10/2026\" is not a month written yyyy-MM (e.g. 2026-10).",
            "Line 3, DataUsedGb: \"12 GB\" has a unit; write the number of GB alone (e.g. 12.5).",
            "Line 4, Month: 2027-01 has not begun: usage is recorded for this month or earlier ones.",
            "Line 5: SUB-000001 for 2026-10 is also on line 2.",
            "Line 6, DataUsedGb: \"abc\" is not a number (use a dot for decimals).",
        ], problems.Take(5));
        Assert.Equal("Line 6, AverageSpeedMbps: -1 is negative.", problems[5]);
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void A_good_file_gives_one_entry_per_row_for_the_months_first_day()
    {
        var (entries, problems) = UsageFile.Read(UsageFile.Columns,
            [Row(2, " sub-000001 ", "2026-10-31", "120.5", "85.25", "99.9", "Netflix", "20:00-23:00"), Row(3, "SUB-000001", "2026-11", "0", "0", "0", "", "")], Today);
        Assert.Empty(problems);
        Assert.Equal(
        [
            new UsageFileEntry(2, "SUB-000001", new UsageInput(D("2026-10-01"), 120.5m, 85.25m, 99.9m, "Netflix", "20:00-23:00")),
            new UsageFileEntry(3, "SUB-000001", new UsageInput(D("2026-11-01"), 0m, 0m, 0m)),
        ], entries);
    }
}
