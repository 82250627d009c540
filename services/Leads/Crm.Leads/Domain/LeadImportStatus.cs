namespace Crm.Leads.Domain;

/// <summary>Where an import of a lead list is; stored by name.</summary>
public enum LeadImportStatus
{
    /// <summary>Not set (an unknown value); no stored import has it.</summary>
    Unspecified,

    /// <summary>Rows are being read and merged; the counts are those of the batches merged so far.</summary>
    Running,

    /// <summary>Every row of the file was read, and each was accepted, found a duplicate or rejected.</summary>
    Completed,

    /// <summary>The caller ended the call (or its deadline passed) before the end of the file; the batches merged
    /// before stay. Sending the same file again resumes it: the rows merged already are duplicates then.</summary>
    Cancelled,

    /// <summary>The file could not be read to its end (too large, a broken record); the batches merged before stay.</summary>
    Failed,
}
