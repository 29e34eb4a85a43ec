using CustomerManager.Domain.Customers;

namespace CustomerManager.Tests.Customers;

public class DuplicateScoringTests
{
    private static Customer Person(string first, string last, string phone, string? email = null, string? nationalId = null, string? alternatePhone = null) =>
        new(new CustomerDetails
        {
            FirstName = first, LastName = last, PrimaryPhone = phone, PrimaryEmail = email, NationalId = nationalId, AlternatePhone = alternatePhone,
        }, "27", "South Africa", new DateOnly(2025, 1, 1), new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), "tester");

    private static Customer Company(string name, string phone) =>
        new(new CustomerDetails { Type = CustomerType.Business, CompanyName = name, PrimaryPhone = phone },
            "27", "South Africa", new DateOnly(2025, 1, 1), new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), "tester");

    [Fact]
    public void The_same_phone_in_any_format_is_a_certain_duplicate()
    {
        var (score, reasons) = DuplicateScoring.Score(Person("Anna", "Botha", "082 123 4567"), Person("Sipho", "Dlamini", "+27 82 123 4567"));
        Assert.Equal(100, score);
        Assert.Equal(["Same phone +27821234567"], reasons);
    }

    [Fact]
    public void An_alternate_phone_matching_the_other_primary_phone_is_a_certain_duplicate()
    {
        var (score, reasons) = DuplicateScoring.Score(
            Person("Anna", "Botha", "082 000 1111", alternatePhone: "073 555 1234"), Person("Sipho", "Dlamini", "0735551234"));
        Assert.Equal(100, score);
        Assert.Contains("Same phone +27735551234", reasons);
    }

    [Fact]
    public void The_same_email_is_a_certain_duplicate()
    {
        var (score, reasons) = DuplicateScoring.Score(
            Person("Anna", "Botha", "0820001111", email: "Anna@Example.com"), Person("Sipho", "Dlamini", "0820002222", email: "anna@example.com "));
        Assert.Equal(100, score);
        Assert.Equal(["Same e-mail"], reasons);
    }

    [Fact]
    public void The_same_national_id_is_a_certain_duplicate()
    {
        var (score, reasons) = DuplicateScoring.Score(
            Person("Anna", "Botha", "0820001111", nationalId: "800101 5009 087"), Person("Sipho", "Dlamini", "0820002222", nationalId: "8001015009087"));
        Assert.Equal(100, score);
        Assert.Equal(["Same national ID"], reasons);
    }

    [Fact]
    public void Every_matching_identifier_is_given_as_a_reason()
    {
        var (score, reasons) = DuplicateScoring.Score(
            Person("Anna", "Botha", "0820001111", "anna@example.com", "8001015009087"),
            Person("Anna", "Botha", "0820001111", "anna@example.com", "8001015009087"));
        Assert.Equal(100, score);
        Assert.Equal(["Same phone +27820001111", "Same e-mail", "Same national ID", "Same first and last name"], reasons);
    }

    [Fact]
    public void Empty_emails_and_national_ids_do_not_match_each_other()
    {
        var (score, reasons) = DuplicateScoring.Score(Person("Anna", "Botha", "0820001111"), Person("Sipho", "Dlamini", "0820002222"));
        Assert.Equal(0, score);
        Assert.Empty(reasons);
    }

    [Fact]
    public void The_same_surname_with_a_similar_first_name_is_a_likely_duplicate()
    {
        var (score, reasons) = DuplicateScoring.Score(Person("Jon", "Smith", "0820001111"), Person("John", "Smith", "0820002222"));
        Assert.InRange(score, DuplicateScoring.Threshold, 99);
        Assert.Equal(["Same surname, similar first name (John)"], reasons);
    }

    [Fact]
    public void The_same_name_ignoring_case_and_accents_scores_90()
    {
        var (score, reasons) = DuplicateScoring.Score(Person("José", "Müller", "0820001111"), Person("jose", "MULLER", "0820002222"));
        Assert.Equal(90, score);
        Assert.Equal(["Same first and last name"], reasons);
    }

    [Fact]
    public void The_same_surname_with_a_different_first_name_is_not_a_duplicate()
    {
        var (score, reasons) = DuplicateScoring.Score(Person("Mary", "Smith", "0820001111"), Person("Peter", "Smith", "0820002222"));
        Assert.True(score < DuplicateScoring.Threshold, $"score {score}");
        Assert.Empty(reasons);
    }

    [Fact]
    public void A_similar_first_name_with_a_different_surname_is_not_a_duplicate()
    {
        var (score, _) = DuplicateScoring.Score(Person("John", "Smith", "0820001111"), Person("John", "Smyth", "0820002222"));
        Assert.True(score < DuplicateScoring.Threshold, $"score {score}");
    }

    [Fact]
    public void The_same_company_name_scores_85()
    {
        var (score, reasons) = DuplicateScoring.Score(Company("Acme Trading (Pty) Ltd", "0110001111"), Company("ACME trading pty ltd.", "0110002222"));
        Assert.Equal(85, score);
        Assert.Equal(["Same company name"], reasons);
    }

    [Fact]
    public void A_different_company_name_is_not_a_duplicate()
    {
        var (score, _) = DuplicateScoring.Score(Company("Acme Trading", "0110001111"), Company("Acme Holdings", "0110002222"));
        Assert.Equal(0, score);
    }

    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("jon", "john", 0.933)]
    public void Jaro_winkler_gives_the_textbook_values(string a, string b, double expected)
    {
        Assert.Equal(expected, DuplicateScoring.JaroWinkler(a, b), 3);
        Assert.Equal(DuplicateScoring.JaroWinkler(a, b), DuplicateScoring.JaroWinkler(b, a), 10);
    }

    [Theory]
    [InlineData("", "john", 0)]
    [InlineData("john", "", 0)]
    [InlineData("john", "john", 1)]
    [InlineData("abc", "xyz", 0)]
    public void Jaro_winkler_is_one_for_equal_names_and_zero_for_nothing_in_common(string a, string b, double expected)
    {
        Assert.Equal(expected, DuplicateScoring.JaroWinkler(a, b), 10);
    }

    [Fact]
    public void A_dismissal_stores_the_pair_lower_id_first()
    {
        var now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var dismissal = new DuplicateDismissal(9, 4, "clerk", now);
        Assert.Equal((4, 9, "clerk", now), (dismissal.CustomerId, dismissal.OtherCustomerId, dismissal.DismissedBy, dismissal.DismissedAtUtc));
    }
}
