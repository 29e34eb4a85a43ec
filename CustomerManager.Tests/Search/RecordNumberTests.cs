using CustomerManager.Domain.Search;

namespace CustomerManager.Tests.Search;

/// <summary>Record numbers typed the way people type them read as the stored number (NumberSequence's padding).</summary>
public class RecordNumberTests
{
    [Theory]
    [InlineData("LAY-CLO-000018", RecordKind.Layby, "LAY-CLO-000018")]
    [InlineData("lay-clo-18", RecordKind.Layby, "LAY-CLO-000018")]
    [InlineData("LAY CLO 18", RecordKind.Layby, "LAY-CLO-000018")]
    [InlineData(" lay-clo18 ", RecordKind.Layby, "LAY-CLO-000018")]
    [InlineData("RCT-CLO-000123", RecordKind.Receipt, "RCT-CLO-000123")]
    [InlineData("rct hrd 123", RecordKind.Receipt, "RCT-HRD-000123")]
    [InlineData("STM-CLO-202611-000001", RecordKind.Statement, "STM-CLO-202611-000001")]
    [InlineData("stm clo 202611 1", RecordKind.Statement, "STM-CLO-202611-000001")]
    [InlineData("stm-clo-2026-11-1", RecordKind.Statement, "STM-CLO-202611-000001")]
    [InlineData("CLO-CUST-000001", RecordKind.Account, "CLO-CUST-000001")]
    [InlineData("clo cust 1", RecordKind.Account, "CLO-CUST-000001")]
    [InlineData("UCST-000001", RecordKind.Customer, "UCST-000001")]
    [InlineData("ucst 1", RecordKind.Customer, "UCST-000001")]
    [InlineData("ucst42", RecordKind.Customer, "UCST-000042")]
    [InlineData("LAY-CLO-1234567", RecordKind.Layby, "LAY-CLO-1234567")]
    public void Loose_forms_read_as_the_stored_number(string typed, RecordKind kind, string stored)
    {
        var number = RecordNumber.Parse(typed);

        Assert.NotNull(number);
        Assert.Equal((kind, stored), (number.Kind, number.Number));
    }

    [Theory]
    [InlineData("")]
    [InlineData("David Khumalo")]
    [InlineData("Khumalo, David")]
    [InlineData("082 123 4567")]
    [InlineData("27731000046")]
    [InlineData("david@example.com")]
    [InlineData("LAY-CLOT-18")]
    [InlineData("LAY-CLO")]
    [InlineData("STM-CLO-202613-1")]
    [InlineData("LAY-CLO-1234567890")]
    public void Names_phones_and_broken_numbers_are_not_record_numbers(string typed) => Assert.Null(RecordNumber.Parse(typed));
}
