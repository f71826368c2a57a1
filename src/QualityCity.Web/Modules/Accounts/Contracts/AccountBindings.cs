namespace QualityCity.Web.Modules.Accounts.Contracts;

/// <summary>What other modules may ask about accounts.</summary>
public interface IAccountDirectory
{
    /// <summary>Whether the account of <paramref name="userName"/> is the officer <paramref name="inspectorId"/>.</summary>
    Task<bool> IsOfficerAsync(string userName, int inspectorId, CancellationToken cancellationToken);

    /// <summary>The officer record an account is bound to, if it is an officer's account.</summary>
    Task<int?> OfficerIdAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="userName"/> is the account of an official (any role but the enterprise's).</summary>
    Task<bool> IsStaffAccountAsync(string userName, CancellationToken cancellationToken);
}

/// <summary>
/// The departments and officers an account can be bound to. The Organisation module owns them and
/// implements this; Accounts only asks, so the two modules do not use each other in a circle.
/// </summary>
public interface IOfficerDirectory
{
    /// <summary>The departments to choose from, in their order: code, Chinese and English name.</summary>
    Task<IReadOnlyList<(int Id, string Code, string Name, string NameEn)>> DepartmentsAsync(CancellationToken cancellationToken);

    Task<int?> DepartmentIdAsync(string code, CancellationToken cancellationToken);

    /// <summary>The officer with this credential number: its record id and department.</summary>
    Task<(int Id, int DepartmentId)?> OfficerAsync(string credentialNumber, CancellationToken cancellationToken);

    /// <summary>The credential numbers of these officer records.</summary>
    Task<IReadOnlyDictionary<int, string>> CredentialNumbersAsync(IReadOnlyCollection<int> inspectorIds, CancellationToken cancellationToken);

    /// <summary>Whether the officer's record is active: an inactive officer's account cannot sign in or keep a session.</summary>
    Task<bool> IsActiveAsync(int inspectorId, CancellationToken cancellationToken);
}

/// <summary>The enterprises an account can be bound to; the Registry module implements it.</summary>
public interface IEnterpriseDirectory
{
    Task<bool> ExistsAsync(string creditCode, CancellationToken cancellationToken);
}
