using MelGenre.Audio;
using MelGenre.Audio.Decoding;
using MelGenre.Audio.Processing;
using MelGenre.Features.Mel;
using MelGenre.Model;
using MelGenre.TestSupport;

namespace MelGenre.Prediction.Tests;

/// <summary>The classifier as a streaming pipeline: the same numbers as the whole-clip path, long recordings in
/// bounded memory, timelines of segments, limits.</summary>
public sealed class StreamingClassifierTests : IDisposable
{
    private const double FrameSeconds = 512.0 / 22050;
    private readonly TempFolder _folder = new();
    private readonly string _modelFolder;
    private readonly Classifier _classifier;

    public StreamingClassifierTests()
    {
        _modelFolder = TinyModel.Save(_folder.File("model"));
        _classifier = Classifier.Load(_modelFolder);
    }

    public void Dispose()
    {
        _classifier.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_30_s_clip_gets_the_probabilities_of_the_whole_clip_log_mel_scored_by_the_model()
    {
        var path = _folder.File("glide.wav");
        File.WriteAllBytes(path, TestWav.StereoGlide(30));
        var options = new ClassifyOptions { IncludeSegments = true, HopSeconds = 65 * FrameSeconds };

        var streamed = _classifier.Classify(path, options);

        using var model = GenreModel.Load(_modelFolder);
        var mono = Resampler.Resample(AudioDecoder.Decode(path).ToMono(), 22050);
        var whole = model.Score(new LogMelExtractor(model.Features).Compute(mono), hopFrames: 65);
        Assert.Equal(whole.Patches.Count, streamed.Segments.Count);
        for (var p = 0; p < whole.Patches.Count; p++)
        {
            Assert.Equal(whole.Patches[p].StartSeconds, streamed.Segments[p].Start, 12);
            for (var l = 0; l < TinyModel.Labels.Length; l++)
            {
                var expected = whole.Patches[p].Probabilities.Span[l];
                var actual = streamed.Segments[p].Probabilities[TinyModel.Labels[l]];
                // Float32 network outputs, renormalised in double: agreement to float precision.
                Assert.True(Math.Abs(expected - actual) <= 1e-6, $"patch {p} P({TinyModel.Labels[l]}): streamed {actual:R}, whole clip {expected:R}");
            }
        }
        for (var l = 0; l < TinyModel.Labels.Length; l++)
            Assert.True(Math.Abs(whole.Probabilities[l] - streamed.Probabilities[TinyModel.Labels[l]]) <= 1e-6, $"clip P({TinyModel.Labels[l]}) differs");
    }

    [Fact]
    public void A_ten_minute_stream_is_classified_without_holding_it_and_its_timeline_covers_it()
    {
        const int seconds = 600;
        using var stream = new GeneratedWavStream(seconds);

        var prediction = _classifier.Classify(stream, "ten-minutes.wav", new ClassifyOptions { IncludeSegments = true, SegmentSeconds = 30 });

        Assert.Equal(seconds, prediction.Duration, 9);
        Assert.Equal(seconds / 30, prediction.Segments.Count);
        for (var s = 0; s < prediction.Segments.Count; s++)
        {
            // Segments are whole frames long: 30 s rounds to 1292 frames.
            Assert.Equal(s * 1292 * FrameSeconds, prediction.Segments[s].Start, 9);
            Assert.Equal(1.0, prediction.Segments[s].Probabilities.Values.Sum(), 9);
        }
        Assert.Equal(seconds, prediction.Segments[^1].End, 9);
        // The generated music changes character every minute: the timeline must see it change.
        Assert.True(prediction.Segments.Select(s => s.Probabilities["jazz"]).Distinct().Count() > 1, "every segment gives the same answer");
    }

    [Fact]
    public void Segments_of_several_hops_average_the_patches_that_start_in_them()
    {
        var path = _folder.File("glide.wav");
        File.WriteAllBytes(path, TestWav.StereoGlide(20));
        var patches = _classifier.Classify(path, new ClassifyOptions { IncludeSegments = true });

        var grouped = _classifier.Classify(path, new ClassifyOptions { IncludeSegments = true, SegmentSeconds = 3 * 130 * FrameSeconds });

        // The tiny model's hop is a whole patch (130 frames): three patches per segment.
        Assert.Equal((patches.Segments.Count + 2) / 3, grouped.Segments.Count);
        for (var s = 0; s < grouped.Segments.Count; s++)
        {
            var members = patches.Segments.Skip(3 * s).Take(3).ToList();
            Assert.Equal(members[0].Start, grouped.Segments[s].Start, 12);
            foreach (var label in TinyModel.Labels)
                Assert.Equal(members.Average(m => m.Probabilities[label]), grouped.Segments[s].Probabilities[label], 6);
        }
        Assert.Equal(patches.Probabilities, grouped.Probabilities);
    }

    [Fact]
    public void A_segment_shorter_than_the_hop_is_refused_before_any_audio_is_read()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _classifier.CheckOptions(new ClassifyOptions { SegmentSeconds = 1 }));
        Assert.Contains("at least one hop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_longer_than_the_limit_is_refused_as_too_long()
    {
        var path = _folder.File("long.wav");
        File.WriteAllBytes(path, Pcm16Wav.Sine(22050, 22050 * 12, 440));

        var error = Assert.Throws<AudioDecodeException>(() => _classifier.Classify(path, new ClassifyOptions { MaxDuration = TimeSpan.FromSeconds(10) }));

        Assert.Equal(AudioErrorKind.TooLong, error.Kind);
        Assert.Equal(path, error.Source);
    }

    [Fact]
    public void Audio_with_no_samples_is_refused_as_empty()
    {
        var path = _folder.File("empty.wav");
        File.WriteAllBytes(path, Pcm16Wav.Sine(22050, 0, 440));

        var error = Assert.Throws<AudioDecodeException>(() => _classifier.Classify(path));

        Assert.Equal(AudioErrorKind.Empty, error.Kind);
    }

    /// <summary>
    /// A mono 22050 Hz 16-bit WAV produced on the fly, never held whole: a tone whose pitch and loudness change every
    /// minute, as tracks in a mix do. Not seekable, like an upload or a pipe.
    /// </summary>
    private sealed class GeneratedWavStream(int seconds) : Stream
    {
        private readonly byte[] _header = Pcm16Wav.Create(22050, 1, seconds * 22050, (_, _) => 0).AsSpan(0, 44).ToArray();
        private readonly long _length = 44 + 2L * seconds * 22050;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            for (; written < count && _position < _length; written++, _position++)
                buffer[offset + written] = ByteAt(_position);
            return written;
        }

        private byte ByteAt(long position)
        {
            if (position < 44)
                return _header[position];
            var sample = (position - 44) / 2;
            var minute = sample / (22050 * 60);
            var t = (double)sample / 22050;
            var value = (short)Math.Round(32767 * (0.1 + 0.08 * (minute % 3)) * Math.Sin(2 * Math.PI * (220 + 110 * (minute % 4)) * t));
            return (position - 44) % 2 == 0 ? (byte)value : (byte)(value >> 8);
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
