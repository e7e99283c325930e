import { useForm as useConformForm } from "@conform-to/react";
import { useDebugValue } from "react";

/**
 * Conform's useForm with the checking every form here shares, so no form repeats it: first when
 * it is submitted, then, once a field shows an error, again as the person types — never on blur.
 * A blur check removes the error message at the moment the finger lands on the submit button; the
 * button moves up under the finger and the tap is lost ("the first click on 提交申报 sent nothing").
 *
 * The component that owns the form always renders again when any error changes. Conform re-renders
 * it only for what its fields read in its last render, and forgets a read made while its state was
 * newer than that render (a key typed in between): then a refused submission set its errors and
 * focused the field, but nothing showed them — no message, no aria-invalid, and the tap looked
 * swallowed (seen on one form in a dozen full runs of the 42-form check). Reading every error here,
 * in the owner's own render, keeps that subscription whatever its fields did.
 */
export const useForm: typeof useConformForm = (options) => {
  const [form, fields] = useConformForm({
    shouldValidate: "onSubmit",
    ...options,
    shouldRevalidate: "onInput",
  });
  // A read through a call a minifier keeps (a bare property read is dropped as if it had no effect).
  useDebugValue(form.allErrors);
  return [form, fields];
};
