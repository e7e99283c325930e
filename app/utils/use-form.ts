import { useForm as useConformForm } from "@conform-to/react";

/**
 * Conform's useForm with the checking every form here shares, so no form repeats it: first when
 * it is submitted, then, once a field shows an error, again as the person types — never on blur.
 * A blur check removes the error message at the moment the finger lands on the submit button; the
 * button moves up under the finger and the tap is lost ("the first click on 提交申报 sent nothing").
 */
export const useForm: typeof useConformForm = (options) =>
  useConformForm({ shouldValidate: "onSubmit", ...options, shouldRevalidate: "onInput" });
