using System.Text.RegularExpressions;
using CustomerManager.Domain.Accounts;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Laybys;
using CustomerManager.Domain.Numbering;
using CustomerManager.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Imports;

/// <summary>
/// Import from Excel (issue 15): a dry run that checks every row with the forms' rules and finds duplicates against
/// existing customers and within the file, then, once the user confirms, the ready rows in batches (each saved whole
/// or not at all), with progress and cancel. Admins import everything; accountants import opening balances.
/// </summary>
public sealed partial class DataImportService(
    ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock, BusinessDefaults businessDefaults,
    IImportWorkbook workbook, ImportOptions options)
{
    private static readonly string[] Importers = [Roles.Admin, Roles.Accountant];
    private const int LookupChunk = 500;

    public ImportOptions Options => options;

    /// <summary>The template workbook, with the divisions the user works in.</summary>
    public async Task<byte[]> TemplateAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Importers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var codes = await db.Divisions.Where(d => d.IsActive).OrderBy(d => d.Code).Select(d => new { d.Id, d.Code }).ToListAsync(cancellationToken);
        return workbook.Template(codes.Where(d => currentUser.WorksIn(d.Id)).Select(d => d.Code).ToList());
    }

    /// <summary>The dry run: nothing is saved. Every row gets an outcome, or the file gets its problems.</summary>
    public async Task<ImportCheck> ValidateAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Importers);
        var file = content.LongLength > options.MaxFileBytes
            ? ImportFile.Refused(fileName, options.TooLarge(content.LongLength))
            : workbook.Read(fileName, content);
        var problems = file.Problems.ToList();
        if (problems.Count == 0 && file.RowCount > options.MaxRows)
        {
            problems.Add($"The file has {file.RowCount:N0} rows; the import takes at most {options.MaxRows:N0}. " + options.TooLarge(content.LongLength));
        }

        if (problems.Count == 0 && file.RowCount == 0)
        {
            problems.Add("The workbook has no rows to import: fill in the Customers, Opening balances or Laybys sheet under the headers.");
        }

        var isAdmin = currentUser.IsInRole(Roles.Admin);
        if (problems.Count == 0 && !isAdmin && (file.RowsOf(ImportLayout.Customers).Count > 0 || file.RowsOf(ImportLayout.Laybys).Count > 0))
        {
            problems.Add("Accountants import opening balances only: leave the Customers and Laybys sheets empty (an admin imports those).");
        }

        var check = new ImportCheck(file.FileName, currentUser.UserName, problems, [], content);
        if (problems.Count == 0)
        {
            await using var db = await dbFactory.OpenAsync(cancellationToken);
            var context = await ContextAsync(db, cancellationToken);
            await CheckCustomersAsync(db, check, file, context, cancellationToken);
            await CheckBalancesAndLaybysAsync(db, check, file, context, isAdmin, cancellationToken);
            check.SortOutcomes((a, b) => SheetOrder(a.Sheet) != SheetOrder(b.Sheet)
                ? SheetOrder(a.Sheet).CompareTo(SheetOrder(b.Sheet)) : a.RowNumber.CompareTo(b.RowNumber));
            check.Annotated = workbook.Annotate(content, check.Outcomes);
        }

        return check;
    }

    public async Task<IReadOnlyList<DataImportSummary>> HistoryAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require(Importers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var mine = currentUser.IsInRole(Roles.Admin) ? null : currentUser.UserName;
        return await db.DataImports.AsNoTracking().Where(i => mine == null || i.UserName == mine).OrderByDescending(i => i.Id).Take(200)
            .Select(i => new DataImportSummary(i.Id, i.FileName, i.UserName, i.StartedAtUtc, i.FinishedAtUtc, i.Status, i.Rows, i.Imported,
                i.AlreadyImported, i.NotImported, i.Message))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The annotated workbook of an import in the history (an accountant's own imports only).</summary>
    public async Task<(string FileName, byte[] Content)> AnnotatedWorkbookAsync(int importId, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Importers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var import = await db.DataImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, cancellationToken)
            ?? throw new NotFoundException("That import does not exist.");
        if (!currentUser.IsInRole(Roles.Admin) && import.UserName != currentUser.UserName)
        {
            throw new AccessDeniedException("Accountants open their own imports only.");
        }

        return (AnnotatedName(import.FileName), import.AnnotatedWorkbook);
    }

    public static string AnnotatedName(string fileName) => Path.GetFileNameWithoutExtension(fileName) + " (checked).xlsx";

    private async Task<ImportContext> ContextAsync(ICustomerDb db, CancellationToken cancellationToken)
    {
        var defaults = await businessDefaults.GetAsync(db, cancellationToken);
        var divisions = await db.Divisions.AsNoTracking().Select(d => new ImportDivision(d.Id, d.Code, d.Name, d.IsActive)).ToListAsync(cancellationToken);
        var policies = new Dictionary<int, LaybyPolicy>();
        foreach (var division in divisions)
        {
            if (await LaybyPolicyService.CurrentAsync(db, division.Id, cancellationToken) is { } policy)
            {
                policies[division.Id] = policy;
            }
        }

        return new ImportContext(defaults.PhoneCountryCode, defaults.Country, clock.Today, clock.UtcNow, currentUser.UserName,
            divisions.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase), policies, currentUser.WorksIn,
            new Regex(options.PreservedNumberPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    private static int SheetOrder(string sheet) => sheet == ImportLayout.Customers.Name ? 0 : sheet == ImportLayout.OpeningBalances.Name ? 1 : 2;

    private static IEnumerable<List<T>> Chunks<T>(IEnumerable<T> items) => items.Chunk(LookupChunk).Select(c => c.ToList());
}
