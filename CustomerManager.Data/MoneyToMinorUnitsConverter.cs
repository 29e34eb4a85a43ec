using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerManager.Data;

/// <summary>decimal (2 places, <see cref="Money.Round"/>) ↔ whole minor units in a 64-bit integer column.</summary>
public sealed class MoneyToMinorUnitsConverter() : ValueConverter<decimal, long>(
    amount => Money.ToMinorUnits(amount),
    minorUnits => Money.FromMinorUnits(minorUnits));
