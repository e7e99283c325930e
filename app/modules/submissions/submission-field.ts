/** The field that carries a form's one-time submission key; read by the browser and the server. */
export const SUBMISSION_FIELD = "_submission";
