using CustomerManager.Domain.Common;

namespace CustomerManager.Tests.Common;

public class MoneyParserTests
{
    private static readonly MoneyParser ZA = MoneyParser.For("en-ZA");
    private static readonly MoneyParser US = MoneyParser.For("en-US");
    private static readonly MoneyParser DE = MoneyParser.For("de-DE");

    [Theory]
    [InlineData("1500", "1500")]
    [InlineData("1500.5", "1500.5")]
    [InlineData("1500,5", "1500.5")]
    [InlineData("1,50", "1.50")]
    [InlineData("0.05", "0.05")]
    [InlineData("1 500,50", "1500.50")]
    [InlineData("1\u00A0500,50", "1500.50")]
    [InlineData("1 500.50", "1500.50")]
    [InlineData("1,500.50", "1500.50")]
    [InlineData("1.500,50", "1500.50")]
    [InlineData("1 500", "1500")]
    [InlineData("1 500 000", "1500000")]
    [InlineData("1,500,000", "1500000")]
    [InlineData("1,500,000.25", "1500000.25")]
    [InlineData("  250  ", "250")]
    [InlineData("007", "7")]
    public void Reads_what_a_South_African_clerk_types(string typed, string expected)
    {
        Assert.True(ZA.TryParse(typed, out var amount, out var error), error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("1e3", "Exponents")]
    [InlineData("1E30", "Exponents")]
    [InlineData("0x10", "Hexadecimal")]
    [InlineData("R150", "currency")]
    [InlineData("R 150", "currency")]
    [InlineData("150 ZAR", "currency")]
    [InlineData("€150", "currency")]
    [InlineData("-150", "sign")]
    [InlineData("+150", "sign")]
    [InlineData("1,500", "two ways")]
    [InlineData("1.500", "two ways")]
    [InlineData("1.5.0", "grouped in threes")]
    [InlineData("1,50,0", "grouped in threes")]
    [InlineData("1..5", "grouped in threes")]
    [InlineData("1,5.0", "grouped in threes")]
    [InlineData("1.505", "two ways")]
    [InlineData("1.5055", "at most two decimals")]
    [InlineData("15 00", "grouped in threes")]
    [InlineData(".5", "starts and ends with a digit")]
    [InlineData("5.", "starts and ends with a digit")]
    [InlineData("", "Enter an amount")]
    [InlineData("   ", "Enter an amount")]
    [InlineData("12_000", "'_' is not part of an amount")]
    [InlineData("1 500 000 000 000 000", "too large")]
    public void Refuses_anything_it_cannot_read_exactly_and_says_why(string typed, string messagePart)
    {
        Assert.False(ZA.TryParse(typed, out var amount, out var error));
        Assert.Equal(0m, amount);
        Assert.Contains(messagePart, error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("1,500", "1500")]
    [InlineData("1.50", "1.5")]
    [InlineData("1,500.5", "1500.5")]
    public void Where_the_culture_groups_with_a_comma_a_comma_only_groups(string typed, string expected)
    {
        Assert.True(US.TryParse(typed, out var amount, out var error), error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("1,50")]
    [InlineData("1.500,50")]
    public void Where_the_culture_groups_with_a_comma_a_decimal_comma_is_refused(string typed) =>
        Assert.False(US.TryParse(typed, out _, out _));

    [Theory]
    [InlineData("1.500,5", "1500.5")]
    [InlineData("1,5", "1.5")]
    [InlineData("1.500", "1500")]
    public void Where_the_culture_groups_with_a_dot_a_dot_only_groups(string typed, string expected)
    {
        Assert.True(DE.TryParse(typed, out var amount, out var error), error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Fact]
    public void Formats_amounts_the_way_the_business_reads_them()
    {
        Assert.Equal("1\u00A0500,50", ZA.Format(1500.5m));
        Assert.Equal("1,500.50", US.Format(1500.5m));
        Assert.Equal("0,01", ZA.Format(0.005m));
    }
}
