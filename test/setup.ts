// One setup for every project: the aws-sdk-client-mock matchers.
import 'aws-sdk-client-mock-vitest/extend';
