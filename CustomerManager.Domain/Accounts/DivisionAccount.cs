using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Accounts;

public enum DivisionAccountStatus
{
    Active,
    Inactive,
    Suspended,
    Closed,
    PendingApproval,
    Blacklisted,
}

public enum LoyaltyTier
{
    Bronze,
    Silver,
    Gold,
    Platinum,
}

/// <summary>
/// A customer's account in one division (DOMAIN.md §3): one per customer and division, numbered CLO-CUST-000001.
/// <see cref="Balance"/> is a cache of the ledger (the credit feature posts to it and a check recomputes it).
/// The credit line's lifecycle (suspend, resume, close, review) is in DivisionAccount.CreditLine.cs.
/// </summary>
public partial class DivisionAccount : IVersioned, IHoldsPersonalData
{
    private static readonly string[] PersonalFields =
        [
            nameof(PreferencesJson), nameof(CustomFieldsJson), nameof(MarketingConsentSource), nameof(SmsConsentSource),
            nameof(EmailConsentSource), nameof(CreditLineReason),
        ];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> PersonalProperties => PersonalFields;

    /// <summary>
    /// Preferences and custom fields are free text; consent sources may name a person. The consent flags and dates stay
    /// (proof of what was agreed), as do the number, status, terms and balance.
    /// </summary>
    public void RemovePersonalData(IReadOnlyList<string> personalValues)
    {
        PreferencesJson = "{}";
        CustomFieldsJson = "{}";
        MarketingConsentSource = MarketingConsentSource is null ? null : Pseudonym.Removed;
        SmsConsentSource = SmsConsentSource is null ? null : Pseudonym.Removed;
        EmailConsentSource = EmailConsentSource is null ? null : Pseudonym.Removed;
        CreditLineReason = CreditLineReason is null ? null : Pseudonym.Removed;
    }

    public const string NumberInfix = "CUST";

    public int Id { get; set; }

    public int CustomerId { get; private set; }

    public int DivisionId { get; private set; }

    public string AccountNumber { get; private set; } = "";

    public DivisionAccountStatus Status { get; private set; } = DivisionAccountStatus.Active;

    public decimal CreditLimit { get; private set; }

    public int PaymentTermsDays { get; private set; } = 30;

    /// <summary>Yearly interest on overdue charges, in %, charged monthly (<see cref="InterestCharge"/>); null: none.</summary>
    public decimal? InterestRatePercent { get; private set; }

    public bool AllowLayby { get; private set; } = true;

    public bool AllowCredit { get; private set; }

    public decimal Balance { get; private set; }

    public int LoyaltyPoints { get; private set; }

    public LoyaltyTier LoyaltyTier { get; private set; } = LoyaltyTier.Bronze;

    public bool MarketingConsent { get; private set; }

    public DateTime? MarketingConsentAtUtc { get; private set; }

    public string? MarketingConsentSource { get; private set; }

    public bool SmsConsent { get; private set; }

    public DateTime? SmsConsentAtUtc { get; private set; }

    public string? SmsConsentSource { get; private set; }

    public bool EmailConsent { get; private set; }

    public DateTime? EmailConsentAtUtc { get; private set; }

    public string? EmailConsentSource { get; private set; }

    /// <summary>Preferences (e.g. size, delivery day) as JSON key/value pairs.</summary>
    public string PreferencesJson { get; private set; } = "{}";

    /// <summary>Division-specific custom fields as JSON key/value pairs.</summary>
    public string CustomFieldsJson { get; private set; } = "{}";

    public DateTime OpenedAtUtc { get; private set; }

    public int Version { get; set; }

    public decimal AvailableCredit => AllowCredit && Status == DivisionAccountStatus.Active && CreditLineStatus == CreditLineStatus.Active
        ? Math.Max(0, CreditLimit - Balance)
        : 0;

    private DivisionAccount()
    {
    }

    public DivisionAccount(int customerId, int divisionId, string divisionCode, long number, DateTime openedAtUtc)
    {
        CustomerId = customerId;
        DivisionId = divisionId;
        AccountNumber = Numbering.NumberSequence.Format($"{divisionCode}-{NumberInfix}", number);
        OpenedAtUtc = openedAtUtc;
    }

    public static string SequenceName(string divisionCode) => $"{divisionCode}-{NumberInfix}";

    /// <summary>Credit terms: CreditManager/Admin decisions.</summary>
    public void SetCreditTerms(DivisionAccountStatus status, decimal creditLimit, int paymentTermsDays, bool allowCredit, bool allowLayby)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainException("Choose an account status.", nameof(Status));
        }

        if (creditLimit < 0 || creditLimit > 100_000_000m)
        {
            throw new DomainException("The credit limit must be between 0 and 100,000,000.", nameof(CreditLimit));
        }

        if (paymentTermsDays is < 0 or > 365)
        {
            throw new DomainException("Payment terms must be between 0 and 365 days.", nameof(PaymentTermsDays));
        }

        if (allowCredit && creditLimit == 0)
        {
            throw new DomainException("Set a credit limit above 0 to allow credit.", nameof(CreditLimit));
        }

        Status = status;
        CreditLimit = Money.Round(creditLimit);
        PaymentTermsDays = paymentTermsDays;
        AllowCredit = allowCredit;
        AllowLayby = allowLayby;
    }

    public void SetInterestRate(decimal? ratePercent)
    {
        if (ratePercent is < 0 or > 100)
        {
            throw new DomainException("The interest rate must be between 0 and 100 % a year.", nameof(InterestRatePercent));
        }

        // Stored as hundredths like amounts: a rate with more decimals would not round-trip.
        if (ratePercent is { } r && decimal.Round(r, 2) != r)
        {
            throw new DomainException("The interest rate can have at most 2 decimals.", nameof(InterestRatePercent));
        }

        InterestRatePercent = ratePercent is 0 ? null : ratePercent;
    }

    public void SetLoyaltyTier(LoyaltyTier tier)
    {
        if (!Enum.IsDefined(tier))
        {
            throw new DomainException("Choose a loyalty tier.", nameof(LoyaltyTier));
        }

        LoyaltyTier = tier;
    }

    /// <summary>Records each consent with when and how it was given or withdrawn (only those that changed).</summary>
    public void SetConsents(bool marketing, bool sms, bool email, string source, DateTime nowUtc)
    {
        source = (source ?? "").Trim();
        var changing = marketing != MarketingConsent || sms != SmsConsent || email != EmailConsent;
        if (changing && source.Length is 0 or > 100)
        {
            throw new DomainException("Say how the consent was given or withdrawn (e.g. \"signed form at till 3\").", "ConsentSource");
        }

        if (marketing != MarketingConsent)
        {
            (MarketingConsent, MarketingConsentAtUtc, MarketingConsentSource) = (marketing, nowUtc, source);
        }

        if (sms != SmsConsent)
        {
            (SmsConsent, SmsConsentAtUtc, SmsConsentSource) = (sms, nowUtc, source);
        }

        if (email != EmailConsent)
        {
            (EmailConsent, EmailConsentAtUtc, EmailConsentSource) = (email, nowUtc, source);
        }
    }

    public IReadOnlyDictionary<string, string> Preferences => KeyValues.Read(PreferencesJson);

    public IReadOnlyDictionary<string, string> CustomFields => KeyValues.Read(CustomFieldsJson);

    public void SetPreferences(IReadOnlyDictionary<string, string> values) =>
        PreferencesJson = KeyValues.Write(values, "Preferences");

    public void SetCustomFields(IReadOnlyDictionary<string, string> values) =>
        CustomFieldsJson = KeyValues.Write(values, "CustomFields");

    /// <summary>Keeps the cached points in step with the point ledger (saved together, version-checked).</summary>
    internal void ApplyPoints(int points) => LoyaltyPoints += points;

    /// <summary>Used by the nightly loyalty run: sets the cached points to what the point ledger says.</summary>
    internal void CorrectPoints(int held) => LoyaltyPoints = held;

    /// <summary>Keeps the cached balance in step with a ledger posting (saved together, version-checked).</summary>
    internal void ApplyPosting(AccountEntry entry) => Balance += entry.Amount;

    /// <summary>Used by the balance check: sets the cache to what the ledger says.</summary>
    internal void CorrectBalance(decimal ledgerBalance) => Balance = ledgerBalance;

    internal void MoveTo(int customerId) => CustomerId = customerId;

    internal void CloseForMerge() => Status = DivisionAccountStatus.Closed;

    internal void ReopenAfterUndo(DivisionAccountStatus status) => Status = status;
}
