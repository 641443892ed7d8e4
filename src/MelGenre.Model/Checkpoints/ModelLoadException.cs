namespace MelGenre.Model.Checkpoints;

/// <summary>Why a model folder could not be used.</summary>
public enum ModelLoadErrorKind
{
    /// <summary>The folder, its manifest or a weights file does not exist.</summary>
    Missing,

    /// <summary>The manifest is not valid JSON of the expected shape, or its content is inconsistent.</summary>
    InvalidManifest,

    /// <summary>The manifest's format version is newer than this MelGenre reads.</summary>
    UnsupportedVersion,

    /// <summary>The features the model needs are not the ones this MelGenre computes (pipeline version or parameters).</summary>
    FeatureMismatch,

    /// <summary>The model's labels are not the ones the caller needs.</summary>
    LabelMismatch,

    /// <summary>The architecture is unknown to this MelGenre.</summary>
    UnknownArchitecture,

    /// <summary>The pretrained backbone the model stands on is not installed: its package is absent, or its weights file
    /// is not the one the model was trained with (SHA-256 differs).</summary>
    MissingBackbone,

    /// <summary>A weights file's SHA-256 differs from the manifest's, or libtorch cannot read it.</summary>
    CorruptWeights,
}

/// <summary>A model folder that cannot be loaded, with the reason in words a user can act on.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(ModelLoadErrorKind kind, string folder, string reason, Exception? inner = null)
        : base($"Cannot load the model in {folder}: {reason}", inner)
    {
        Kind = kind;
        Folder = folder;
        Reason = reason;
    }

    /// <summary>What kind of problem it is.</summary>
    public ModelLoadErrorKind Kind { get; }

    /// <summary>The model folder.</summary>
    public string Folder { get; }

    /// <summary>The problem, without the folder.</summary>
    public string Reason { get; }
}
