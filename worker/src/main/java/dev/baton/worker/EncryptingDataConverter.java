package dev.baton.worker;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.payload.context.SerializationContext;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * JSON, then {@link PayloadEncryption}, for payloads and failures alike ({@code
 * encodeFailureAttributes}: a failure's message and stack trace travel as an encrypted payload and
 * history shows "Encoded failure").
 *
 * <p>A payload the codec refuses is reported as a {@link DataConverterException}: that is the one
 * kind of error the SDK treats as a bad argument (a signal with it is logged and dropped, an update
 * with it rejected). Any other exception fails the workflow task again on every retry, so one plain
 * signal sent from the Web UI would wedge the release it was sent to.
 */
final class EncryptingDataConverter extends CodecDataConverter {

  EncryptingDataConverter(PayloadEncryption codec) {
    super(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
  }

  @Override
  public <T> T fromPayload(Payload payload, Class<T> valueClass, Type valueType) {
    return refused(() -> super.fromPayload(payload, valueClass, valueType));
  }

  @Override
  public <T> T fromPayloads(
      int index, Optional<Payloads> content, Class<T> valueType, Type valueGenericType) {
    return refused(() -> super.fromPayloads(index, content, valueType, valueGenericType));
  }

  @Override
  public Object[] fromPayloads(
      Optional<Payloads> content, Class<?>[] parameterTypes, Type[] genericParameterTypes) {
    return refused(() -> super.fromPayloads(content, parameterTypes, genericParameterTypes));
  }

  /**
   * Itself: neither the JSON converter nor the codec reads the context, and the SDK's own copy for
   * a context would be a plain {@link CodecDataConverter}, without the translation above.
   */
  @Override
  public CodecDataConverter withContext(SerializationContext context) {
    return this;
  }

  private static <T> T refused(Supplier<T> decode) {
    try {
      return decode.get();
    } catch (PayloadCodecException e) {
      throw new DataConverterException(e.getMessage(), e);
    }
  }
}
