import { useMutation, useQueryClient } from '@tanstack/react-query';

/** A back-office write on an order that refreshes the order page afterwards. */
export function useOrderAction<V>(orderId: string, run: (vars: V) => Promise<unknown>, onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['orders-admin'] });
      await client.invalidateQueries({ queryKey: ['orders-admin', 'order', orderId] });
      onDone?.();
    },
  });
}
