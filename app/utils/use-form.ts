import { useForm as useConformForm } from "@conform-to/react";
import { useEffect } from "react";
import { loadCatalogue } from "~/i18n/page-messages";
import { useT } from "~/i18n/use-t";

/**
 * Conform's useForm with the checking every form here shares, so no form repeats it: first when
 * it is submitted, then, once a field shows an error, again as the person types — never on blur.
 * A blur check removes the error message at the moment the finger lands on the submit button; the
 * button moves up under the finger and the tap is lost ("the first click on 提交申报 sent nothing").
 *
 * A page embeds only the messages it rendered, and the error messages the browser's checking
 * shows are not among them: a page with a checked form fetches its language's catalogue as soon
 * as it is running, so an error never appears late (and moves the button) when the catalogue lands.
 */
export const useForm: typeof useConformForm = (options) => {
  const { locale } = useT();
  useEffect(() => {
    void loadCatalogue(locale);
  }, [locale]);
  return useConformForm({ shouldValidate: "onSubmit", ...options, shouldRevalidate: "onInput" });
};
