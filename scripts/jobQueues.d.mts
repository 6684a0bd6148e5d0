export declare const RUN_QUEUE: "vajra-runs";
export declare const TRIAL_QUEUE: "vajra-trials";
export declare const BATCH_PREDICTION_QUEUE: "vajra-batch-predictions";
export declare function installJobQueues(url: string): Promise<void>;
