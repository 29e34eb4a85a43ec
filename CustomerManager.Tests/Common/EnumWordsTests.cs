using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;

namespace CustomerManager.Tests.Common;

/// <summary>Issue 12: code names shown as words, one rule for pages, PDFs and exports.</summary>
public class EnumWordsTests
{
    [Fact]
    public void Code_names_read_as_words()
    {
        Assert.Equal("Admin fee", LaybyEntryKind.AdminFee.Words());
        Assert.Equal("Late fee", LaybyEntryKind.LateFee.Words());
        Assert.Equal("Goods returned", LaybyEntryKind.GoodsReturned.Words());
        Assert.Equal("Fees written off", LaybyEntryKind.FeesWrittenOff.Words());
        Assert.Equal("Sale on account", AccountEntryKind.SaleOnAccount.Words());
        Assert.Equal("On hold", LaybyStatus.OnHold.Words());
        Assert.Equal("Customer request", CancellationReason.CustomerRequest.Words());
        Assert.Equal("Bank transfer", PaymentMethod.BankTransfer.Words());
        Assert.Equal("Pending approval", DivisionAccountStatus.PendingApproval.Words());
        Assert.Equal("Cash", PaymentMethod.Cash.Words());
        Assert.Equal("NGO", CustomerType.Ngo.Words());
    }

    [Fact]
    public void No_value_is_empty_and_a_number_that_is_no_member_is_shown_as_it_is()
    {
        Assert.Equal("", ((PaymentMethod?)null).Words());
        Assert.Equal("Mobile money", ((PaymentMethod?)PaymentMethod.MobileMoney).Words());
        Assert.Equal("42", ((LaybyStatus)42).Words());
    }
}
