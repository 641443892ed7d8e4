namespace MelGenre.Model.Onnx;

/// <summary>An ONNX file is not valid protobuf, or holds something this reader does not support.</summary>
public sealed class OnnxFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what was wrong and where.</summary>
    public OnnxFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public OnnxFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public OnnxFormatException() : base("Malformed ONNX model.") { }
}
